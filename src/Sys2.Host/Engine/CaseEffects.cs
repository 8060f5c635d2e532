using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Engine;

/// <summary>A message to send when the events that ask for it commit: at <c>At</c> on the engine's clock, or at once.</summary>
public sealed record Effect(object Message, DateTimeOffset? At);

/// <summary>
/// What appended events ask of the outside world: integration calls, timers, kept SdI messages handed to a wait. Pure, so the
/// mapping from "the decider said so" to "Wolverine will do it" is tested without a bus.
/// </summary>
public static class CaseEffects
{
    public static IReadOnlyList<Effect> Of(string tenant, string caseId, IEnumerable<object> events, string? correlation)
    {
        Effect Timer(TimerKind kind, string name, int generation, DateTimeOffset due) =>
            new(new FireTimer(tenant, caseId, kind, name, generation, due), due);

        return events.SelectMany(e => e switch
        {
            IntegrationRequested r => [new Effect(
                new CallIntegration(tenant, caseId, r.Step, r.Activity, r.Attempt, r.IdempotencyKey, r.Input, correlation), r.NotBefore)],
            DeadlineStarted d => [Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt)],
            DeadlineResumed d => [Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt)],
            DeadlineExtended d => [Timer(TimerKind.ClockExpiry, d.Clock, d.Generation, d.DueAt)],
            DeadlineSuspended d => [Timer(TimerKind.SuspensionLimit, d.Clock, d.Generation, d.ResumeBy)],
            WaitStarted w => WaitEffects(w),
            _ => Array.Empty<Effect>(),
        }).ToList();

        // A wait for SdI's messages also looks for the DTs kept with the invoice's file (they may come before the case
        // waits for them: SdI's 15 days and the case's clock are not synchronised).
        Effect[] WaitEffects(WaitStarted w) =>
        [
            .. w.TimeoutAt is { } at ? [Timer(TimerKind.WaitTimeout, w.Step, w.Visit, at)] : Array.Empty<Effect>(),
            .. w.Event == ExternalEvents.SdiNotification ? [new Effect(new ForwardKeptSdiMessages(tenant, caseId, w.Step, w.Visit), null)] : Array.Empty<Effect>(),
        ];
    }
}
