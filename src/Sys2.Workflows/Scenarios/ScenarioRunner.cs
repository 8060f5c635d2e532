using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Scenarios;

/// <summary>One expectation that did not hold, or an action that went otherwise than written: <c>file:line: expected …, was …</c>.</summary>
public sealed record ScenarioFailure(SourceSpan Where, string Scenario, string Message)
{
    public override string ToString() => $"{Where.File}:{Where.Line}: {Message}";
}

/// <summary>
/// Runs a scenario with the pure decider, as the host would: the case is opened (its inputs checked
/// as the API checks them), each timeline entry moves time, firing every timer that comes due on the
/// way in the order they come due (terms, suspension limits, wait timeouts, all on the legal calendar),
/// then applies its action and checks its expectations. After every trigger the integrations answer
/// the calls the scenario does not drive itself with the file's <c>answers</c>. No database, no clock
/// but the scenario's.
/// </summary>
public static class ScenarioRunner
{
    public static IReadOnlyList<ScenarioFailure> Run(WorkflowDefinition definition, ScenarioFile file, Scenario scenario) =>
        new ScenarioRun(definition, file, scenario).Run();
}

internal sealed class ScenarioRun(WorkflowDefinition definition, ScenarioFile file, Scenario scenario)
{
    /// <summary>A definition whose calls and timers feed each other forever would never let a scenario end.</summary>
    private const int MaxTriggersPerEntry = 1000;

    private readonly List<ScenarioFailure> _failures = [];
    private readonly HashSet<TimerFired> _fired = [];
    private readonly List<object> _recorded = [];
    private readonly Dictionary<string, JsonNode?> _answers = Answers(file, scenario);
    private CaseState _state = CaseState.Initial;
    private DateTimeOffset _now = scenario.Opened;
    private int _triggers;

    public IReadOnlyList<ScenarioFailure> Run()
    {
        if (!Open()) return _failures;
        foreach (var entry in scenario.Timeline)
        {
            _recorded.Clear();
            _triggers = 0;
            if (entry.Time is { } move && !MoveTime(move)) break;
            if (entry.Action is { } action && !Apply(entry, action)) break;
            var seen = new Observation(definition, _state, _recorded);
            foreach (var expectation in entry.Expect)
                if (expectation.Check(seen) is { } failure) Fail(expectation.Where, failure);
        }
        return _failures;
    }

    /// <summary>The file's answers, the scenario's over them; an activity or step the timeline answers or fails itself is never answered for it.</summary>
    private static Dictionary<string, JsonNode?> Answers(ScenarioFile file, Scenario scenario)
    {
        var answers = new Dictionary<string, JsonNode?>(file.Answers, StringComparer.Ordinal);
        foreach (var (call, result) in scenario.Answers) answers[call] = result;
        foreach (var driven in scenario.Timeline.Select(e => e.Action).OfType<AnswerAction>().Select(a => a.Call)
                     .Concat(scenario.Timeline.Select(e => e.Action).OfType<FailAction>().Select(a => a.Call)))
            answers.Remove(driven);
        return answers;
    }

    private bool Open()
    {
        var check = InputCheck.Check(definition, scenario.Inputs);
        if (!check.IsValid)
        {
            Fail(scenario.InputsWhere, $"expected the case to open, was refused: {string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
            return false;
        }
        var caseId = scenario.CaseId ?? $"{definition.Kind.ToString().ToUpperInvariant()}-{scenario.Tenant}-{scenario.Opened.Year}-0000001";
        var refusal = Decide(new OpenCase(caseId, scenario.Tenant, 1, scenario.Inputs, Person(Roles.Clerk, "")));
        if (refusal is not null) { Fail(scenario.InputsWhere, $"expected the case to open, was refused: {refusal}"); return false; }
        return Settle(scenario.Where);
    }

    private bool MoveTime(TimeMove move)
    {
        var target = move switch
        {
            MoveTo to => to.Instant,
            MoveBy by => ScenarioTime.Add(_now, by.By),
            _ => _now,
        };
        if (target < _now)
        {
            Fail(move.Where, $"expected time to move on from {Shown(_now)}, was {Shown(target)}: a timeline goes forward");
            return false;
        }
        while (NextTimer() is { } timer && timer.At <= target)
        {
            if (timer.At > _now) _now = timer.At;
            _fired.Add(timer.Trigger);
            if (Decide(timer.Trigger) is { } refused) { Fail(move.Where, $"expected the timer {timer.Trigger} to fire, was refused: {refused}"); return false; }
            if (!Settle(move.Where)) return false;
        }
        _now = target;
        return true;
    }

    /// <summary>Applies the entry's action; false when the scenario cannot go on (an action refused that should not have been).</summary>
    private bool Apply(TimelineEntry entry, ScenarioAction action)
    {
        if (Trigger(action) is not { } trigger) return false;
        var refusal = Decide(trigger);
        if (refusal is null)
        {
            if (entry.Refused is { } code) Fail(entry.RefusedWhere, $"expected {action.Describe()} refused ({code}), was accepted");
            return Settle(action.Where);
        }
        if (entry.Refused is null)
        {
            Fail(action.Where, $"expected {action.Describe()} accepted, was refused: {refusal}");
            return false;
        }
        if (entry.Refused != refusal.Code) Fail(entry.RefusedWhere, $"expected {action.Describe()} refused ({entry.Refused}), was refused: {refusal}");
        return true;
    }

    private Trigger? Trigger(ScenarioAction action)
    {
        switch (action)
        {
            case CompleteAction complete:
                var task = _state.TokensAt(complete.Step).Select(t => t.Bookmark).OfType<TaskBookmark>().FirstOrDefault();
                return new CompleteTask(complete.Step, complete.Outcome, complete.Form,
                    Person(complete.Role ?? task?.Role ?? Roles.Clerk, task?.Office ?? ""));
            case AnswerAction answer:
                return PendingCall(answer.Call, answer.Where) is { } answered
                    ? new IntegrationCompleted(answered.Step, answered.Call.Attempt, answer.Result)
                    : null;
            case FailAction fail:
                return PendingCall(fail.Call, fail.Where) is { } failed
                    ? new IntegrationErrored(failed.Step, failed.Call.Attempt, fail.Error, fail.Transient)
                    : null;
            case ReceiveAction receive:
                // The counter's events are filed by a person; a regional system's come from its endpoint.
                return ExternalEvents.AtTheCounter.Contains(receive.Event)
                    ? new ReceiveEvent(receive.Event, receive.Payload, receive.Step) { By = Person(receive.Role ?? Roles.Clerk, "") }
                    : new ReceiveEvent(receive.Event, receive.Payload, receive.Step) { FromSystem = true };
            case ClockCommand { Kind: ClockCommandKind.Suspend } suspend:
                return new SuspendDeadline(suspend.Clock, suspend.Reason, Person(Roles.Clerk, ""));
            case ClockCommand { Kind: ClockCommandKind.Resume } resume:
                return new ResumeDeadline(resume.Clock, Person(Roles.Clerk, ""));
            case ClockCommand interrupt:
                return new InterruptDeadline(interrupt.Clock, Person(Roles.Clerk, ""));
            case WithdrawAction withdraw:
                return new WithdrawCase(withdraw.Reason, Person(Roles.Clerk, ""));
            case RetryAction retry:
                return new RetryIncident(retry.Step, Person(Roles.Manager, ""));
            default:
                return null;
        }
    }

    /// <summary>The pending call of a step, or of an activity; a failure when there is none to answer.</summary>
    private (string Step, CallBookmark Call)? PendingCall(string call, SourceSpan where)
    {
        var pending = Calls().ToList();
        foreach (var p in pending)
            if (p.Step == call || p.Call.Activity == call) return p;
        Fail(where, $"expected a call of {call} to answer, was {(pending.Count == 0 ? "none pending" : "pending: " + string.Join(", ", pending.Select(p => $"{p.Step} ({p.Call.Activity})")))}");
        return null;
    }

    private IEnumerable<(string Step, CallBookmark Call)> Calls() =>
        _state.Tokens.Values.Where(t => t.Bookmark is CallBookmark).OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => (t.Step, (CallBookmark)t.Bookmark!));

    /// <summary>
    /// What follows by itself at this moment: calls answered with the file's answers, and timers
    /// already due (a term that ran out before it started, a suspension at its limit).
    /// </summary>
    private bool Settle(SourceSpan where)
    {
        while (true)
        {
            if (++_triggers > MaxTriggersPerEntry)
            {
                Fail(where, $"expected the case to come to rest, was still moving after {MaxTriggersPerEntry} triggers");
                return false;
            }
            var auto = Calls().FirstOrDefault(c => Answer(c) is not null);
            if (auto.Step is not null)
            {
                if (Decide(new IntegrationCompleted(auto.Step, auto.Call.Attempt, (JsonObject)Answer(auto)!.DeepClone())) is { } refused)
                {
                    Fail(where, $"expected {auto.Step} to take its answer, was refused: {refused}");
                    return false;
                }
                continue;
            }
            if (NextTimer() is { } timer && timer.At <= _now)
            {
                _fired.Add(timer.Trigger);
                if (Decide(timer.Trigger) is { } refused)
                {
                    Fail(where, $"expected the timer {timer.Trigger} to fire, was refused: {refused}");
                    return false;
                }
                continue;
            }
            return true;
        }
    }

    /// <summary>The answer for a call by its step's name first, then by its activity.</summary>
    private JsonNode? Answer((string Step, CallBookmark Call) call) =>
        _answers.TryGetValue(call.Step, out var byStep) ? byStep
        : _answers.TryGetValue(call.Call.Activity, out var byActivity) ? byActivity : null;

    /// <summary>
    /// The earliest timer the case has set and that has not fired: a running term's expiry, a
    /// suspension's limit, a wait's timeout. Read from the state, as the host schedules them from the events.
    /// </summary>
    private (DateTimeOffset At, TimerFired Trigger)? NextTimer()
    {
        var timers = new List<(DateTimeOffset At, TimerFired Trigger)>();
        foreach (var clock in _state.Clocks.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (clock is { Status: ClockStatus.Running, DueAt: { } due })
                timers.Add((due, new TimerFired(TimerKind.ClockExpiry, clock.Name, clock.Generation)));
            if (clock is { Status: ClockStatus.Suspended, ResumeBy: { } resume })
                timers.Add((resume, new TimerFired(TimerKind.SuspensionLimit, clock.Name, clock.Generation)));
        }
        foreach (var token in _state.Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
            if (token.Bookmark is WaitBookmark { TimeoutAt: { } timeout })
                timers.Add((timeout, new TimerFired(TimerKind.WaitTimeout, token.Step, token.Visit)));
        return timers.Where(t => !_fired.Contains(t.Trigger)).OrderBy(t => t.At).Cast<(DateTimeOffset, TimerFired)?>().FirstOrDefault();
    }

    private DomainError? Decide(Trigger trigger)
    {
        var decision = Decider.Decide(definition, _state, trigger, _now);
        if (decision.Error is { } error) return error;
        foreach (var e in decision.Events) _state = CaseEvolution.Evolve(_state, e);
        _recorded.AddRange(decision.Events);
        return null;
    }

    private static Actor Person(string role, string office) => new("scenario", role, office) { Name = "scenario" };

    private void Fail(SourceSpan where, string message) => _failures.Add(new ScenarioFailure(where, scenario.Name, message));

    private static string Shown(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, LegalCalendar.Italy).ToString("yyyy-MM-dd'T'HH:mm:ss");
}
