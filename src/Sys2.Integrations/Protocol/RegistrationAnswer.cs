namespace Sys2.Integrations.Protocol;

/// <summary>
/// A registration as the register serves it: where it lives (AOO, register, year, number), the day
/// in Italy and the instant, what was registered, its segnatura, and its cancellation if any. A registration without a
/// document has no segnatura: Allegato 6's segnatura describes a protocol message, whose DocumentoPrimario is required.
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
    string? Segnatura,
    RegisteredCancellation? Cancellation,
    string? Classification = null);

public sealed record RegisteredCancellation(DateTimeOffset At, string Reason);
