namespace Sys2.Integrations.Protocol;

/// <summary>
/// A registration as the register serves it: where it lives (AOO, register, year, number), the day
/// in Italy and the instant, what was registered, its segnatura, and its cancellation if any.
/// </summary>
public sealed record RegistrationAnswer(
    string Aoo,
    string Register,
    int Year,
    string Number,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    string Direction,
    RegisteredParty? Sender,
    IReadOnlyList<RegisteredParty> Recipients,
    string Subject,
    RegisteredDocument? Document,
    string? Notes,
    string? ExternalReference,
    string Segnatura,
    RegisteredCancellation? Cancellation);

public sealed record RegisteredCancellation(DateTimeOffset At, string Reason);
