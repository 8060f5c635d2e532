namespace Sys2.Integrations.Protocol;

/// <summary>
/// A registration request as the register's API takes it (<c>POST …/registrations</c>). Every field
/// may be absent on the wire: the register itself refuses what DPR 445/2000 art. 53 requires and
/// is missing, before it draws a number.
/// </summary>
public sealed record RegistrationBody(
    string? Direction,
    RegisteredParty? Sender,
    IReadOnlyList<RegisteredParty>? Recipients,
    string? Subject,
    RegisteredDocument? Document,
    string? Notes,
    string? ExternalReference,
    string? Classification = null,
    RegisteredFascicolo? Fascicolo = null);

/// <summary>The fascicolo a registration belongs to: the case's number and what it is about.</summary>
public sealed record RegisteredFascicolo(string? Code, string? Name);

public sealed record RegisteredParty(string? FiscalCode, string? Name, string? Email, string? Phone);

public sealed record RegisteredDocument(string? Name, string? Sha256, string? MediaType, long? Size);

/// <summary>The body of <c>POST …/registrations/{year}/{number}/cancellation</c> (art. 54: a cancellation states its reason).</summary>
public sealed record CancellationBody(string? Reason);
