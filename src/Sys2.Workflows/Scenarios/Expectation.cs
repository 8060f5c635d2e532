using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Scenarios;

/// <summary>What the case looks like after a timeline entry, and what that entry recorded.</summary>
public sealed record Observation(WorkflowDefinition Definition, CaseState State, IReadOnlyList<object> Recorded);

/// <summary>
/// Something that must be true after a timeline entry. <see cref="Check"/> answers null when it is,
/// else <c>expected …, was …</c>, printed at the line where the expectation is written.
/// </summary>
public abstract record Expectation(SourceSpan Where)
{
    public abstract string? Check(Observation seen);

    /// <summary>Null when they agree, else <c>expected … , was …</c> with what helps to read it (<paramref name="aside"/>).</summary>
    protected static string? Compare(string what, string expected, string was, string aside = "") =>
        expected == was ? null : $"expected {what} {expected}, was {was}{aside}";

    protected static string List(IEnumerable<string> items) => $"[{string.Join(", ", items)}]";
}

/// <summary><c>step: review</c>: where the main flow stands (<c>closed</c> once the case is).</summary>
public sealed record StepExpectation(string Step, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen) =>
        Compare("step", Step, seen.State.Tokens.GetValueOrDefault(Token.Main)?.Step ?? (seen.State.IsOpen ? "(none)" : "(closed)"));
}

/// <summary><c>steps: [visura, await-payment]</c>: where every flow stands, parallel branches included, in any order.</summary>
public sealed record StepsExpectation(IReadOnlyList<string> Steps, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen) =>
        Compare("steps", List(Steps.Order(StringComparer.Ordinal)), List(seen.State.Tokens.Values.Select(t => t.Step).Order(StringComparer.Ordinal)));
}

/// <summary><c>tasks: [formal-check]</c>: the open tasks, in any order.</summary>
public sealed record TasksExpectation(IReadOnlyList<string> Tasks, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen) =>
        Compare("open tasks", List(Tasks.Order(StringComparer.Ordinal)),
            List(seen.State.Tokens.Values.Where(t => t.Bookmark is TaskBookmark).Select(t => t.Step).Order(StringComparer.Ordinal)));
}

/// <summary><c>incidents: [visura]</c>: the steps with an open incident, in any order.</summary>
public sealed record IncidentsExpectation(IReadOnlyList<string> Steps, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen) =>
        Compare("incidents at", List(Steps.Order(StringComparer.Ordinal)),
            List(seen.State.Tokens.Values.Where(t => t.Bookmark is IncidentBookmark).Select(t => t.Step).Order(StringComparer.Ordinal)));
}

/// <summary><c>outcome: approved</c>: the case's outcome (<c>open</c> while it has none).</summary>
public sealed record OutcomeExpectation(string Outcome, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen) => Compare("outcome", Outcome, seen.State.Outcome ?? "(open)");
}

/// <summary><c>vars: { fee: 5000 }</c>: one variable's value (numbers by value, objects by their fields).</summary>
public sealed record VariableExpectation(string Name, JsonNode? Value, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen)
    {
        var was = seen.State.Variables.GetValueOrDefault(Name);
        return JsonSame.Equal(Value, was) ? null : $"expected vars.{Name} {Show(Value)}, was {(seen.State.Variables.ContainsKey(Name) ? Show(was) : "unset")}";
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}

/// <summary><c>recorded: [DeadlineOperationRefused]</c>: events of these types were recorded by the entry (others may be too).</summary>
public sealed record RecordedExpectation(IReadOnlyList<string> Events, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen)
    {
        var recorded = seen.Recorded.Select(e => e.GetType().Name).ToList();
        var missing = Events.Where(e => !recorded.Contains(e)).ToList();
        return missing.Count == 0 ? null : $"expected {List(missing)} recorded, was {List(recorded.Distinct())}";
    }
}

/// <summary>
/// <c>clocks: { control: { status: running, due: 2026-05-04 } }</c>. A date compares with the
/// Italian date of the instant (a term in days is due at the end of its day); a date-time compares
/// the instant itself.
/// </summary>
public sealed record ClockExpectation(string Clock, ClockField Field, string Expected, SourceSpan Where) : Expectation(Where)
{
    public override string? Check(Observation seen)
    {
        if (!seen.Definition.Clocks.ContainsKey(Clock))
            return $"expected clock '{Clock}', was no such clock (clocks: {string.Join(", ", seen.Definition.Clocks.Keys)})";
        var clock = seen.State.Clocks.GetValueOrDefault(Clock);
        var what = $"clock {Clock} {KebabCase.Of(Field)}";
        return Field switch
        {
            ClockField.Status => Compare(what, Expected, clock is null ? "not-started" : clock.Status.ToString().ToLowerInvariant()),
            ClockField.Due => Compare(what, Expected, Instant(clock?.DueAt, Expected), Status(clock)),
            ClockField.ResumeBy => Compare(what, Expected, Instant(clock?.ResumeBy, Expected), Status(clock)),
            _ => Compare(what, Expected, clock?.ShiftedFrom?.ToString("yyyy-MM-dd") ?? "none"),
        };
    }

    /// <summary>Shown in the form the designer wrote: a date, or the instant in Italian time.</summary>
    private static string Instant(DateTimeOffset? instant, string expected)
    {
        if (instant is not { } at) return "none";
        if (expected.Length == 10) return LegalCalendar.LocalDate(at).ToString("yyyy-MM-dd");
        var local = TimeZoneInfo.ConvertTime(at, LegalCalendar.Italy);
        return ScenarioTime.Parse(expected) is { } e && e == at ? expected : local.ToString("yyyy-MM-dd'T'HH:mm:ss");
    }

    private static string Status(ClockState? clock) => clock is null ? " (not started)"
        : clock.Status is ClockStatus.Running ? "" : $" ({clock.Status.ToString().ToLowerInvariant()})";
}

public enum ClockField { Status, Due, ShiftedFrom, ResumeBy }
