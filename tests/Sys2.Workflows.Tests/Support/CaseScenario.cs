using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Tests.Support;

/// <summary>
/// Drives one case with the decider alone: each accepted trigger's events are folded into the
/// state, as the runtime would append them. Time moves only when the test says so.
/// </summary>
public sealed class CaseScenario(WorkflowDefinition definition, DateTimeOffset? start = null)
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    public static readonly Actor SuapClerk = new("mario.rossi", "clerk", "SUAP");

    private readonly List<object> _history = [];

    public WorkflowDefinition Definition => definition;
    public DateTimeOffset Now { get; private set; } = start ?? Monday;
    public CaseState State { get; private set; } = CaseState.Initial;
    public IReadOnlyList<object> History => _history;

    /// <summary>Every event with the moment it was decided, as the host's <c>at</c> header keeps it.</summary>
    public IReadOnlyList<TimedEvent> Timed => _timed;
    private readonly List<TimedEvent> _timed = [];
    public IReadOnlyList<object> LastEvents { get; private set; } = [];

    /// <summary>The history as the host records it: each accepted trigger's events, when and by whom.</summary>
    public IReadOnlyList<RecordedDecision> Decisions => _decisions;
    private readonly List<RecordedDecision> _decisions = [];

    public CaseScenario At(DateTimeOffset now) { Now = now; return this; }

    public CaseScenario After(TimeSpan elapsed) { Now += elapsed; return this; }

    /// <summary>Applies a trigger that must be accepted; returns the events it appended.</summary>
    public IReadOnlyList<object> When(Trigger trigger)
    {
        var decision = Decider.Decide(definition, State, trigger, Now);
        if (decision.Error is { } error) throw new InvalidOperationException($"refused: {error}");
        if (decision.Events.Count > 0)
            _decisions.Add(new RecordedDecision(State.Version + 1, Now, ByOf(trigger), decision.Events));
        Apply(decision.Events);
        return decision.Events;
    }

    /// <summary>Applies a trigger that must be refused; returns the refusal.</summary>
    public DomainError Refused(Trigger trigger)
    {
        var decision = Decider.Decide(definition, State, trigger, Now);
        decision.Events.ShouldBeEmpty();
        return decision.Error ?? throw new InvalidOperationException($"{trigger} was accepted but should have been refused");
    }

    public CaseScenario Open(object inputs, string caseId = "SUAP-H769-2026-0000001", string tenant = "H769")
    {
        When(new OpenCase(caseId, tenant, 1, Json(inputs), SuapClerk));
        return this;
    }

    /// <summary>Fires the current timer of a clock (the one its latest generation scheduled).</summary>
    public IReadOnlyList<object> ClockExpires(string clock)
    {
        var c = State.Clocks[clock];
        Now = c.DueAt ?? throw new InvalidOperationException($"clock {clock} has no due date ({c.Status})");
        return When(new TimerFired(TimerKind.ClockExpiry, clock, c.Generation));
    }

    public IReadOnlyList<object> WaitTimesOut(string step)
    {
        var token = State.TokensAt(step).Single(t => t.Bookmark is WaitBookmark);
        Now = ((WaitBookmark)token.Bookmark!).TimeoutAt!.Value;
        return When(new TimerFired(TimerKind.WaitTimeout, step, token.Visit));
    }

    /// <summary>Answers every pending call at once, in a stable order, with the result the test gives per activity.</summary>
    public IReadOnlyList<object> AnswerCalls(Func<string, object> resultFor)
    {
        var appended = new List<object>();
        while (PendingCalls().ToList() is [var (step, call), ..])
        {
            appended.AddRange(When(new IntegrationCompleted(step, call.Attempt, Json(resultFor(call.Activity)))));
        }
        return appended;
    }

    public IEnumerable<(string Step, CallBookmark Call)> PendingCalls() =>
        State.Tokens.Values.Where(t => t.Bookmark is CallBookmark).OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => (t.Step, (CallBookmark)t.Bookmark!));

    public IEnumerable<string> OpenTasks() =>
        State.Tokens.Values.Where(t => t.Bookmark is TaskBookmark).Select(t => t.Step).Order(StringComparer.Ordinal);

    public string MainStep => State.Tokens[Token.Main].Step;

    private void Apply(IReadOnlyList<object> events)
    {
        foreach (var e in events) State = CaseEvolution.Evolve(State, e);
        _history.AddRange(events);
        _timed.AddRange(events.Select(e => new TimedEvent(e, Now)));
        LastEvents = events;
    }

    /// <summary>Who a trigger names (<c>By</c>), else the engine: as the host writes the user header.</summary>
    private static Actor ByOf(Trigger trigger) =>
        trigger.GetType().GetProperty("By")?.GetValue(trigger) as Actor ?? Actor.System;

    public static JsonObject Json(object value) =>
        value as JsonObject ?? JsonSerializer.SerializeToNode(value, JsonOptions)!.AsObject();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
