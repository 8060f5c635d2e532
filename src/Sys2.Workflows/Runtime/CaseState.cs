using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sys2.Workflows.Runtime;

public enum CaseStatus { NotOpened, Open, Closed }

/// <summary>
/// Everything the decider needs to know about a case, rebuilt from its events by
/// <see cref="CaseEvolution.Evolve"/>. Immutable: replay, time travel and the live state are
/// the same fold.
/// </summary>
/// <remarks>
/// The documents attached to the case are not here: the decider never reads them, and a case can
/// collect hundreds, so every command would load them with its snapshot. They are the case's file,
/// folded by <see cref="CaseDocuments"/> from the same events.
/// </remarks>
public sealed record CaseState
{
    public static CaseState Initial { get; } = new();

    public string CaseId { get; init; } = "";
    public string Tenant { get; init; } = "";
    public string DefinitionId { get; init; } = "";
    public int DefinitionVersion { get; init; }
    public string DefinitionHash { get; init; } = "";
    public string Kind { get; init; } = "";
    public CaseStatus Status { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public ImmutableDictionary<string, JsonNode?> Inputs { get; init; } = ImmutableDictionary<string, JsonNode?>.Empty;
    public ImmutableDictionary<string, JsonNode?> Variables { get; init; } = ImmutableDictionary<string, JsonNode?>.Empty;

    /// <summary>Where the case stands: one token per running flow (<c>main</c>, and one per parallel branch).</summary>
    public ImmutableDictionary<string, Token> Tokens { get; init; } = ImmutableDictionary<string, Token>.Empty;

    public ImmutableDictionary<string, ClockState> Clocks { get; init; } = ImmutableDictionary<string, ClockState>.Empty;

    /// <summary>How many times each step was entered: it tells a wait timer of an earlier visit from the current one.</summary>
    public ImmutableDictionary<string, int> Visits { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>How many events were folded: the stream version this state was decided on.</summary>
    public long Version { get; init; }

    [JsonIgnore]
    public bool IsOpen => Status == CaseStatus.Open;

    public IEnumerable<Token> TokensAt(string step) => Tokens.Values.Where(t => t.Step == step);

    public int VisitsOf(string step) => Visits.GetValueOrDefault(step);
}

/// <summary>A flow's position: the step it is in and what it waits for there.</summary>
public sealed record Token(string Id, string Step, int Visit, Bookmark? Bookmark, string? Parent = null)
{
    public const string Main = "main";
}

/// <summary>What a token waits for in its step.</summary>
/// <remarks>The kinds are named in JSON so a stored snapshot of the state reads back as it was written.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(TaskBookmark), "task")]
[JsonDerivedType(typeof(CallBookmark), "call")]
[JsonDerivedType(typeof(WaitBookmark), "wait")]
[JsonDerivedType(typeof(IncidentBookmark), "incident")]
[JsonDerivedType(typeof(ForkBookmark), "fork")]
public abstract record Bookmark;

/// <summary>An open task of a role of an office; <c>Assignee</c> is the person of the office who holds it, null while it is in the office's queue.</summary>
public sealed record TaskBookmark(string Role, string Office, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt,
    string? Assignee = null, string? AssigneeName = null) : Bookmark;

public sealed record CallBookmark(string Activity, int Attempt, string IdempotencyKey) : Bookmark;

public sealed record WaitBookmark(string Event, DateTimeOffset? TimeoutAt) : Bookmark;

public sealed record IncidentBookmark(string Activity, int Attempts, string Reason) : Bookmark;

/// <summary>The parent flow of a parallel step waits here until every branch reaches the join.</summary>
public sealed record ForkBookmark(string Join, ImmutableHashSet<string> Pending) : Bookmark;

public enum ClockStatus { Running, Suspended, Interrupted, Stopped, Expired }

/// <summary>A legal clock as it stands now. <c>ShiftedFrom</c>: the term's own last day when <c>DueAt</c> was moved past a holiday.</summary>
public sealed record ClockState(
    string Name,
    ClockStatus Status,
    int Generation,
    DateTimeOffset? DueAt,
    TimeSpan? Remaining,
    DateTimeOffset? ResumeBy,
    string? SuspensionReason,
    int Suspensions,
    int Interruptions,
    DateOnly? ShiftedFrom = null,
    int Extensions = 0);

