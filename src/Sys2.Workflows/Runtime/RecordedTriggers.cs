using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// The trigger behind a recorded decision, read back from its first event: a decision's first event is what the
/// trigger itself did (the task completed, the answer recorded, the term that ran out), the rest is what the
/// definition made of it. With the trigger, a case's history can be decided again on another version of its
/// definition (<see cref="WhatIfMigration"/>).
/// </summary>
public static class RecordedTriggers
{
    /// <summary>
    /// The trigger of <paramref name="decision"/>, decided on <paramref name="before"/> (the state just before it);
    /// null with the reason when it cannot be told, or when the decision is itself a migration, which a replay on
    /// the target version has no use for.
    /// </summary>
    public static (Trigger? Trigger, string? Why) Of(RecordedDecision decision, CaseState before, int openOn)
    {
        var by = decision.By;
        var person = by.Role != Actor.System.Role;
        return decision.Events.FirstOrDefault() switch
        {
            CaseOpened e => (new OpenCase(e.CaseId, e.Tenant, openOn, Copy(e.Inputs), by), null),
            TaskCompleted e => (new CompleteTask(e.Step, e.Outcome, Copy(e.Form), by), null),
            TaskClaimed e => (new ClaimTask(e.Step, by), null),
            TaskReleased e => (new ReleaseTask(e.Step, by), null),
            TaskReassigned e => (new ReassignTask(e.Step, e.To, e.ToName, e.Reason, by), null),
            TaskCommented e => (new CommentTask(e.Step, e.Text, by), null),
            IntegrationSucceeded e => (new IntegrationCompleted(e.Step, e.Attempt, Copy(e.Output)), null),
            // Whether the failure was transient decided whether it would be retried; what the engine recorded is that.
            IntegrationFailed e => (new IntegrationErrored(e.Step, e.Attempt, e.Error, e.WillRetry), null),
            ExternalEventReceived e => (new ReceiveEvent(e.Event, Copy(e.Payload), e.Step) { FromSystem = !person, By = person ? by : null }, null),
            DeadlineExpired e => (new TimerFired(TimerKind.ClockExpiry, e.Clock, e.Generation), null),
            WaitTimedOut e => before.TokensAt(e.Step).FirstOrDefault(t => t.Bookmark is WaitBookmark) is { } waiting
                ? (new TimerFired(TimerKind.WaitTimeout, e.Step, waiting.Visit), null)
                : (null, $"no flow waited at '{e.Step}' when its wait timed out"),
            // A resumption nobody asked for is the suspension's limit; it was scheduled by the suspension's generation.
            DeadlineResumed e when !person => (new TimerFired(TimerKind.SuspensionLimit, e.Clock, e.Generation - 1), null),
            DeadlineResumed e => (new ResumeDeadline(e.Clock, by), null),
            DeadlineSuspended e => (new SuspendDeadline(e.Clock,
                e.Reason == SuspensionReasons.Preavviso ? SuspensionReason.Preavviso : SuspensionReason.Integration, by), null),
            DeadlineInterrupted e => (new InterruptDeadline(e.Clock, by), null),
            DocumentAttached e => (new AttachDocument(e.Name, e.Sha256, e.MediaType, e.Size, by), null),
            VariableCorrected e => (new CorrectVariable(e.Name, e.Value?.DeepClone(), e.Reason, by), null),
            IncidentResolved e => (e.Resolution.StartsWith("failure path", StringComparison.Ordinal)
                ? new TakeFailurePath(e.Step, by)
                : new RetryIncident(e.Step, by), null),
            // CaseRun.Withdraw writes "<reason> (<user>)".
            CaseClosed e when person => (new WithdrawCase(WithdrawalReason(e.Reason, by), by), null),
            CaseMigrated => (null, null),
            null => (null, $"decision at version {decision.Version} has no events"),
            var other => (null, $"a decision that begins with {other.GetType().Name} cannot be read back as a trigger"),
        };
    }

    private static string WithdrawalReason(string? recorded, Actor by)
    {
        var suffix = $" ({by.User})";
        var reason = recorded ?? "";
        return reason.EndsWith(suffix, StringComparison.Ordinal) ? reason[..^suffix.Length] : reason;
    }

    // The replay must not share JSON nodes with the recorded events: a JsonNode has one parent.
    private static JsonObject Copy(JsonObject value) => (JsonObject)value.DeepClone();
}
