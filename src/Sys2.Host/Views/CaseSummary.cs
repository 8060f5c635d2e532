using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>
/// The one stored picture of a case, kept by an inline projection in the same transaction as its
/// events: the engine's own folded <see cref="CaseState"/> (the snapshot a command decides on,
/// so no command re-reads the stream), the head of its audit chain, and when each flow began to
/// wait for what it waits for now. Everything a list or an inbox shows is <em>shaped</em> from
/// <see cref="State"/> by the read-only members below: there is no second fold with rules of its
/// own, so a closed case can never show a term still running.
/// </summary>
public sealed class CaseSummary
{
    public string Id { get; init; } = "";

    /// <summary>The state <see cref="CaseEvolution.Evolve"/> folded from every event of the stream.</summary>
    public CaseState State { get; init; } = CaseState.Initial;

    /// <summary>The audit hash of the last event: the next event chains on it.</summary>
    public string ChainHead { get; init; } = "";

    /// <summary>When the engine decided the last event (its <c>at</c> header).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Token → when the engine set its current bookmark (a task assigned, an incident raised, a wait begun).</summary>
    public ImmutableDictionary<string, DateTimeOffset> WaitingSince { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    // ----- shaped from State for lists, inboxes and their queries (serialised, never read back) -----

    public string Tenant => State.Tenant;
    public string Kind => State.Kind;
    public string DefinitionId => State.DefinitionId;
    public int DefinitionVersion => State.DefinitionVersion;
    public string Status => State.Status == CaseStatus.Closed ? "closed" : "open";
    public string? Outcome => State.Outcome;
    public DateTimeOffset OpenedAt => State.OpenedAt ?? default;
    public long Version => State.Version;

    public string? Applicant =>
        State.Inputs.GetValueOrDefault("applicant") is JsonObject party && party["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;

    /// <summary>Where each flow stands: token → step.</summary>
    public Dictionary<string, string> Steps => State.Tokens.Values.ToDictionary(t => t.Id, t => t.Step);

    /// <summary>
    /// The open tasks, shaped once per summary: four more of the flat fields below are read from them, and every
    /// write serialises them all (shaping them five times was about a tenth of a step's host CPU in the profile of
    /// issue 8). A summary never changes after it is made, so the list cannot go stale.
    /// </summary>
    public List<OpenTask> Tasks => _tasks ??= [.. Flows<TaskBookmark>().Select(f =>
        new OpenTask(f.Token.Step, f.Token.Id, f.Mark.Role, f.Mark.Office, f.Mark.Outcomes, f.Mark.DueAt, f.Since, f.Mark.Assignee, f.Mark.AssigneeName))];

    private List<OpenTask>? _tasks;

    public List<OpenWait> Waits => [.. Flows<WaitBookmark>().Select(f => new OpenWait(f.Token.Step, f.Token.Id, f.Mark.Event, f.Mark.TimeoutAt))];

    public List<OpenIncident> Incidents => [.. Flows<IncidentBookmark>().Select(f =>
        new OpenIncident(f.Token.Step, f.Token.Id, f.Mark.Activity, f.Mark.Attempts, f.Mark.Reason, f.Since))];

    public List<LegalClock> Clocks => [.. State.Clocks.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(LegalClock.Of)];

    /// <summary>The closest end of a running legal term: what the scrivania sorts and filters by, in the database.</summary>
    public DateTimeOffset? NextLegalTerm =>
        State.Clocks.Values.Where(c => c.Status == ClockStatus.Running && c.DueAt is not null).Min(c => c.DueAt);

    /// <summary>The closest internal due date of an open task: the follow-up date.</summary>
    public DateTimeOffset? NextTaskDue => Tasks.Where(t => t.DueAt is not null).Min(t => t.DueAt);

    /// <summary>
    /// The queues the case is in, as <c>role/office</c> of each open task nobody holds: a flat array that a
    /// containment query on the GIN index finds, so the scrivania pages in the database.
    /// </summary>
    public List<string> Queues => [.. Tasks.Where(t => t.Assignee is null).Select(t => Queue(t.Role, t.Office)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The same for tasks someone holds, and who: <c>role/office</c> and the holders' user names.</summary>
    public List<string> HeldIn => [.. Tasks.Where(t => t.Assignee is not null).Select(t => Queue(t.Role, t.Office)).Distinct().Order(StringComparer.Ordinal)];

    public List<string> Holders => [.. Tasks.Select(t => t.Assignee).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The steps the case's flows stand on, as a flat array the scrivania's state filter finds.</summary>
    public List<string> StepNames => [.. State.Tokens.Values.Select(t => t.Step).Distinct().Order(StringComparer.Ordinal)];

    public static string Queue(string role, string office) => $"{role}/{office}";

    public JsonObject Variables => new(State.Variables.OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone())));

    private IEnumerable<(Token Token, T Mark, DateTimeOffset Since)> Flows<T>() where T : Bookmark =>
        State.Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal)
            .Where(t => t.Bookmark is T)
            .Select(t => (t, (T)t.Bookmark!, WaitingSince.GetValueOrDefault(t.Id, UpdatedAt)));
}

/// <summary>An open task; <c>Assignee</c>: the person of the office who holds it, null while it waits in the office's queue.</summary>
public sealed record OpenTask(string Step, string Token, string Role, string Office, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt, DateTimeOffset AssignedAt,
    string? Assignee = null, string? AssigneeName = null);

/// <summary>A legal term; <c>DueAt</c> is null unless it is running.</summary>
public sealed record LegalClock(string Name, string Status, DateTimeOffset? DueAt, TimeSpan? Remaining, DateTimeOffset? ResumeBy, string? Reason)
{
    public static LegalClock Of(ClockState c) => new(
        c.Name, c.Status.ToString().ToLowerInvariant(),
        c.Status == ClockStatus.Running ? c.DueAt : null,
        c.Status == ClockStatus.Suspended ? c.Remaining : null,
        c.Status == ClockStatus.Suspended ? c.ResumeBy : null,
        c.Status == ClockStatus.Suspended ? c.SuspensionReason : null);
}

public sealed record OpenIncident(string Step, string Token, string Activity, int Attempts, string Reason, DateTimeOffset RaisedAt);

public sealed record OpenWait(string Step, string Token, string Event, DateTimeOffset? TimeoutAt);
