namespace Sys2.Integrations.Protocol;

/// <summary>
/// A registration as the register holds it. <see cref="Number"/> is written with at least seven
/// digits; <see cref="Date"/> is the day in Italy (Europe/Rome) at <see cref="RegisteredAt"/>.
/// </summary>
public sealed record ProtocolRegistration(
    string Aoo,
    string Register,
    int Year,
    string Number,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    ProtocolDirection Direction,
    ProtocolParty? Sender,
    IReadOnlyList<ProtocolParty> Recipients,
    string Subject,
    ProtocolDocument? Document,
    string? Notes,
    string? ExternalReference,
    string? Segnatura,
    ProtocolCancellation? Cancellation,
    string? Classification = null)
{
    public bool Cancelled => Cancellation is not null;
}

/// <summary>Annullamento (DPR 445/2000 art. 54): when and why; the registration itself is kept.</summary>
public sealed record ProtocolCancellation(DateTimeOffset At, string Reason);
