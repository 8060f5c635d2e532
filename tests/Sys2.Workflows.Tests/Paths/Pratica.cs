using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Expected;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// One case of a shipped definition, driven by named moves. Every move applies one trigger that
/// must be accepted and returns the builder, so a test reads given (an opener and moves), when
/// (one move) and then (<see cref="LastEvents"/>: the exact events that move appended).
/// Each definition's builder adds its own moves, data and expected events; the shapes every
/// definition shares are in <see cref="Expected"/>.
/// </summary>
public abstract class Pratica<TSelf>(WorkflowDefinition definition, string caseId, DateTimeOffset openedAt)
    where TSelf : Pratica<TSelf>
{
    public CaseScenario Scenario { get; } = new(definition, openedAt);
    public string CaseId => caseId;
    public WorkflowDefinition Definition => definition;
    public CaseState State => Scenario.State;
    public DateTimeOffset Now => Scenario.Now;
    public IReadOnlyList<object> History => Scenario.History;

    /// <summary>The events the last move appended.</summary>
    public IReadOnlyList<object> LastEvents => Scenario.LastEvents;

    public IEnumerable<string> OpenTasks() => Scenario.OpenTasks();
    public string MainStep => Scenario.MainStep;
    public IEnumerable<string> StepsEntered => History.OfType<StepEntered>().Select(s => s.Step);

    private TSelf Self => (TSelf)this;

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public TSelf At(DateTimeOffset now) { Scenario.At(now); return Self; }

    /// <summary>Opens the case in San Benedetto del Tronto (tenant H769) on version 1 of the definition.</summary>
    public TSelf Opened(object inputs, Actor by) { Scenario.Submit(CaseId, inputs, by); return Self; }

    public TSelf Answered(string step, object result) { Scenario.Answer(step, result); return Self; }

    public TSelf Failed(string step, string error, bool transient = false) { Scenario.Fail(step, error, transient); return Self; }

    public TSelf Completed(string step, string outcome, object form, Actor by) { Scenario.Complete(step, outcome, form, by); return Self; }

    public TSelf Received(string @event, object payload) { Scenario.Receive(@event, payload); return Self; }

    public TSelf Retried(string step, Actor by) => When(new RetryIncident(step, by));

    public TSelf WaitTimesOut(string step) { Scenario.WaitTimesOut(step); return Self; }

    public TSelf ClockExpires(string clock) { Scenario.ClockExpires(clock); return Self; }

    public TSelf SuspensionEnds(string clock) { Scenario.SuspensionEnds(clock); return Self; }

    public TSelf When(Trigger trigger) { Scenario.When(trigger); return Self; }

    public DomainError Refused(Trigger trigger) => Scenario.Refused(trigger);

    // ── Expected events ─────────────────────────────────────────────────────────────────

    /// <summary>The call a step requests; its idempotency key is this case's case/step/visit.</summary>
    public IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore,
        string token = "main", int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, token, attempt);

    /// <summary>The flow enters a call step and requests its first attempt.</summary>
    public object[] Calls(string step, string activity, object input, DateTimeOffset notBefore, string token = "main") =>
        [new StepEntered(step, "call", token, 1), Requested(step, activity, input, notBefore, token)];

    /// <summary>An operator retries an incident: it is resolved and the call is requested again at once.</summary>
    public object[] RetryRequested(string step, string activity, object input, DateTimeOffset at, int attempt, Actor by) =>
        [new IncidentResolved(step, "main", "retried", by.User), Requested(step, activity, input, at, attempt: attempt)];

    // ── Expected state ──────────────────────────────────────────────────────────────────

    /// <summary>Closed with <paramref name="outcome"/> and nothing left running.</summary>
    public virtual void ShouldBeClosed(string outcome)
    {
        State.Status.ShouldBe(CaseStatus.Closed);
        State.Outcome.ShouldBe(outcome);
        State.Tokens.ShouldBeEmpty();
    }
}
