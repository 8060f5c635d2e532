namespace Sys2.Sandbox.Protocol;

/// <summary>A registration request as the simulated register's API takes it (its own wire shape).</summary>
public sealed record RegistrationBody(
    string? Direction,
    RegisteredParty? Sender,
    IReadOnlyList<RegisteredParty>? Recipients,
    string? Subject,
    RegisteredDocument? Document,
    string? Notes,
    string? ExternalReference);

public sealed record RegisteredParty(string? FiscalCode, string? Name, string? Email, string? Phone);

public sealed record RegisteredDocument(string? Name, string? Sha256, string? MediaType, long? Size);

public sealed record CancellationBody(string? Reason);

/// <summary>A registration as the simulated register stores and serves it.</summary>
public sealed record SimulatedRegistration(
    string Aoo,
    string Register,
    int Year,
    string Number,
    string Date,
    DateTimeOffset RegisteredAt,
    string Direction,
    RegisteredParty? Sender,
    IReadOnlyList<RegisteredParty> Recipients,
    string Subject,
    RegisteredDocument? Document,
    string? Notes,
    string? ExternalReference,
    string Segnatura,
    SimulatedCancellation? Cancellation);

public sealed record SimulatedCancellation(DateTimeOffset At, string Reason);
