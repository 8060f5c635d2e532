using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Engine;

/// <summary>A message to send when the events that ask for it commit: at <c>At</c> on the engine's clock, or at once.</summary>
public sealed record Effect(object Message, DateTimeOffset? At);

/// <summary>
/// What appended events ask of the outside world: integration calls and timers. Pure, so the
/// mapping from "the decider said so" to "Wolverine will do it" is tested without a bus.
/// </summary>
public static class CaseEffects
{
    public static IReadOnlyList<Effect> Of(string tenant, string caseId, IEnumerable<object> events, string? correlation)
    {
        Effect Timer(TimerKind kind, string name, int generation, DateTimeOffset due) =>
            new(new FireTimer(tenant, caseId, kind, name, generation, due), due);

        return events.Select(e => e switch
        {
            IntegrationRequested r => new Effect(
                new CallIntegration(tenant, caseId, r.Step, r.Activity, r.Attempt, r.IdempotencyKey, r.Input, correlation), r.NotBefore),
            DeadlineStarted d => Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt),
            DeadlineResumed d => Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt),
            DeadlineExtended d => Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt),
            DeadlineSuspended d => Timer(TimerKind.SuspensionLimit, d.Clock, d.Generation, d.ResumeBy),
            WaitStarted { TimeoutAt: { } at } w => Timer(TimerKind.WaitTimeout, w.Step, w.Visit, at),
            _ => null,
        }).OfType<Effect>().ToList();
    }
}
