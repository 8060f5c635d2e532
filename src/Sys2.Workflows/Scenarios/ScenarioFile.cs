using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Scenarios;

/// <summary>
/// A designer's proof that a definition follows the law: <c>*.scenarios.yaml</c> beside the
/// definition, with cases whose inputs are given, a dated timeline of what happens to them and
/// what must be true at each point. Run by <see cref="ScenarioRunner"/> with the pure decider.
/// </summary>
public sealed record ScenarioFile(
    string File,
    string DefinitionId,
    SourceSpan DefinitionWhere,
    IReadOnlyDictionary<string, JsonNode?> Answers,
    IReadOnlyList<Scenario> Scenarios)
{
    /// <summary>Files named so beside the definitions are scenarios, never definitions.</summary>
    public const string Suffix = ".scenarios.yaml";

    public static bool IsScenarioFile(string path) =>
        path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(".scenarios.yml", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One case: opened at <c>Opened</c> with <c>Inputs</c>, then its timeline. <c>Answers</c>: what an
/// integration answers when the timeline does not say (the file's, overridden by the scenario's).
/// </summary>
public sealed record Scenario(
    string Name,
    SourceSpan Where,
    DateTimeOffset Opened,
    string Tenant,
    string? CaseId,
    JsonObject Inputs,
    SourceSpan InputsWhere,
    IReadOnlyDictionary<string, JsonNode?> Answers,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// One point of the timeline: time moves (<c>at</c> or <c>after</c>, firing the timers that come
/// due on the way), then at most one thing happens (<c>Action</c>), which must be accepted or, with
/// <c>Refused</c>, refused with that code; then the expectations are checked.
/// </summary>
public sealed record TimelineEntry(
    SourceSpan Where,
    TimeMove? Time,
    ScenarioAction? Action,
    string? Refused,
    SourceSpan RefusedWhere,
    IReadOnlyList<Expectation> Expect);

/// <summary>Time passing: to an instant, or by a duration (days on the Italian calendar, so 09:00 stays 09:00 across a change of hour).</summary>
public abstract record TimeMove(SourceSpan Where);

public sealed record MoveTo(DateTimeOffset Instant, SourceSpan Where) : TimeMove(Where);

public sealed record MoveBy(Duration By, SourceSpan Where) : TimeMove(Where);

/// <summary>Something that happens to the case, as a trigger of the decider.</summary>
public abstract record ScenarioAction(SourceSpan Where)
{
    public abstract string Describe();
}

/// <summary>A clerk (or the role given) completes the open task of a step with an outcome and a form.</summary>
public sealed record CompleteAction(string Step, string Outcome, JsonObject Form, string? Role, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"complete {Step} ({Outcome})";
}

/// <summary>An integration answers the pending call of a step, or of an activity.</summary>
public sealed record AnswerAction(string Call, JsonObject Result, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"answer {Call}";
}

/// <summary>An integration fails: permanently (given up at once) unless <c>Transient</c> (retried per the step's policy).</summary>
public sealed record FailAction(string Call, string Error, bool Transient, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"fail {Call}";
}

/// <summary>
/// An external event: a regional system's (a payment receipt, an SdI message) or one filed at the
/// counter by a clerk or the role given (documents, observations, with their receipt's date in the payload).
/// </summary>
public sealed record ReceiveAction(string Event, JsonObject Payload, string? Step, string? Role, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"receive {Event}";
}

public enum ClockCommandKind { Suspend, Resume, Interrupt }

/// <summary>A clerk suspends, resumes or interrupts a clock by command.</summary>
public sealed record ClockCommand(ClockCommandKind Kind, string Clock, SuspensionReason Reason, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"{Kind.ToString().ToLowerInvariant()} {Clock}";
}

public sealed record WithdrawAction(string Reason, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => "withdraw";
}

/// <summary>An operator retries the open incident of a step.</summary>
public sealed record RetryAction(string Step, SourceSpan Where) : ScenarioAction(Where)
{
    public override string Describe() => $"retry {Step}";
}
