using Sys2.Workflows.Definitions;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// <c>Decide(definition, state, trigger, now) → events | refusal</c>. Pure: no I/O, no clock
/// read but <c>now</c>; integration calls and timers are requested as events and carried out
/// by handlers, whose answers come back as triggers. A refused trigger yields no events.
/// </summary>
public static class Decider
{
    private static readonly ExpressionSandbox Sandbox = new();

    public static Decision Decide(WorkflowDefinition definition, CaseState state, Trigger trigger, DateTimeOffset now)
    {
        // A migration is decided on the version the case moves to, and its events carry that version.
        if (trigger is MigrateCase migration) return CaseMigration.Decide(definition, state, migration);
        var run = new CaseRun(definition, state, now, Sandbox);
        var refusal = trigger switch
        {
            OpenCase t => run.Open(t),
            _ when state.Status == CaseStatus.NotOpened => Refusal.CaseNotOpened(trigger),
            // Timers and late answers for a closed case are stale, not wrong: they do nothing.
            TimerFired or IntegrationCompleted or IntegrationErrored when state.Status == CaseStatus.Closed => null,
            _ when state.Status == CaseStatus.Closed => Refusal.CaseClosed(state),
            CompleteTask t => run.CompleteTask(t),
            ClaimTask t => run.Claim(t),
            ReleaseTask t => run.Release(t),
            ReassignTask t => run.Reassign(t),
            CommentTask t => run.Comment(t),
            IntegrationCompleted t => run.IntegrationCompleted(t),
            IntegrationErrored t => run.IntegrationErrored(t),
            ReceiveEvent t => run.Receive(t),
            TimerFired t => run.TimerFired(t),
            SuspendDeadline t => run.Suspend(t),
            ResumeDeadline t => run.Resume(t),
            InterruptDeadline t => run.Interrupt(t),
            RetryIncident t => run.Retry(t),
            CorrectVariable t => run.Correct(t),
            TakeFailurePath t => run.FailurePath(t),
            AttachDocument t => run.Attach(t),
            WithdrawCase t => run.Withdraw(t),
            _ => new DomainError("unknown-trigger", $"the engine does not know the trigger {trigger.GetType().Name}"),
        };
        return refusal is null ? Decision.Accept(run.Events) : new Decision([], refusal);
    }
}
