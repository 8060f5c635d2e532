using System.Text.Json.Nodes;

namespace Sys2.Host.Views;

/// <summary>
/// One row per case, kept by an inline projection in the same transaction as the events: what
/// lists and inboxes show. The clerk inbox, the deadlines due soon and the incidents are
/// queries over these rows; everything here can be rebuilt from the events.
/// </summary>
public sealed class CaseSummary
{
    public string Id { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Kind { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string Status { get; set; } = "open";
    public string? Outcome { get; set; }
    public string? Applicant { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>Where each flow stands: token → step.</summary>
    public Dictionary<string, string> Steps { get; set; } = [];

    public List<OpenTask> Tasks { get; set; } = [];
    public List<LegalClock> Clocks { get; set; } = [];
    public List<OpenIncident> Incidents { get; set; } = [];
    public List<OpenWait> Waits { get; set; } = [];
    public JsonObject Variables { get; set; } = [];
}

public sealed record OpenTask(string Step, string Token, string Role, string Office, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt, DateTimeOffset AssignedAt);

/// <summary>A legal term; <c>DueAt</c> is null while it is suspended or interrupted.</summary>
public sealed record LegalClock(string Name, string Status, DateTimeOffset? DueAt, TimeSpan? Remaining, DateTimeOffset? ResumeBy, string? Reason);

public sealed record OpenIncident(string Step, string Token, string Activity, int Attempts, string Reason, DateTimeOffset RaisedAt);

public sealed record OpenWait(string Step, string Token, string Event, DateTimeOffset? TimeoutAt);
