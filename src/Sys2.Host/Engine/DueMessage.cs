namespace Sys2.Host.Engine;

/// <summary>
/// A message the engine must send at a moment of its own clock: a legal term's, a suspension's or
/// a wait's timer (<see cref="FireTimer"/>), or the next attempt of an integration call after its
/// backoff (<see cref="CallIntegration"/>). Stored with the events that ask for it, in the same
/// transaction; <see cref="DueMessageSweep"/> hands it to Wolverine when <see cref="DueAt"/> comes on
/// the <see cref="TimeProvider"/>. Kept here rather than in Wolverine's scheduled-message table
/// because Wolverine reads the wall clock, and a legal term is measured on the engine's clock
/// (the one tests move and auditors replay).
/// </summary>
public sealed class DueMessage
{
    /// <summary>Derived from what it carries, so the same timer or attempt is stored once.</summary>
    public string Id { get; init; } = "";
    public string Tenant { get; init; } = "";
    public string CaseId { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public FireTimer? Timer { get; init; }
    public CallIntegration? Call { get; init; }

    /// <summary>The message to send (a method, not a property: the document stores it once, as Timer or Call).</summary>
    public object ToMessage() => (object?)Timer ?? Call ?? throw new InvalidOperationException($"due message {Id} carries nothing");

    public static DueMessage For(object message, DateTimeOffset dueAt) => message switch
    {
        FireTimer t => new DueMessage
        {
            Id = $"{t.CaseId}/timer/{t.Kind}/{t.Name}/{t.Generation}", Tenant = t.Tenant, CaseId = t.CaseId, DueAt = dueAt, Timer = t,
        },
        CallIntegration c => new DueMessage
        {
            Id = $"{c.CaseId}/call/{c.IdempotencyKey}/{c.Attempt}", Tenant = c.Tenant, CaseId = c.CaseId, DueAt = dueAt, Call = c,
        },
        _ => throw new ArgumentException($"{message.GetType().Name} is not a message the engine schedules", nameof(message)),
    };
}
