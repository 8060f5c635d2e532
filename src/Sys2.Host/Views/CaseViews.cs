using Marten;

namespace Sys2.Host.Views;

/// <summary>
/// A line of a clerk's inbox: an open task, its internal due date, the legal terms of its case, who of the
/// office holds it (null: in the office's queue) and the case version a command on it is decided on.
/// </summary>
public sealed record InboxItem(
    string CaseId, string Kind, string? Applicant, string Step, string Role, string Office, IReadOnlyList<string> Outcomes,
    DateTimeOffset? DueAt, DateTimeOffset AssignedAt, IReadOnlyList<LegalClock> Clocks, string? Assignee = null, string? AssigneeName = null,
    long Version = 0);

public sealed record DeadlineItem(string CaseId, string Kind, string? Applicant, string Clock, DateTimeOffset DueAt, IReadOnlyList<string> Steps);

public sealed record IncidentItem(string CaseId, string Kind, string Step, string Activity, int Attempts, string Reason, DateTimeOffset RaisedAt);

/// <summary>
/// The views of the case summaries, always inside one tenant's session: a clerk's query
/// cannot name another entity's cases.
/// </summary>
public static class CaseViews
{
    public static async Task<IReadOnlyList<InboxItem>> InboxAsync(IQuerySession tenant, string office, string role, CancellationToken ct = default)
    {
        var cases = await tenant.Query<CaseSummary>()
            .Where(c => c.Status == "open" && c.Tasks.Any(t => t.Office == office && t.Role == role))
            .ToListAsync(ct);
        return cases
            .SelectMany(c => c.Tasks.Where(t => t.Office == office && t.Role == role).Select(t =>
                new InboxItem(c.Id, c.Kind, c.Applicant, t.Step, t.Role, t.Office, t.Outcomes, t.DueAt, t.AssignedAt, c.Clocks, t.Assignee, t.AssigneeName, c.Version)))
            .OrderBy(i => i.Clocks.Where(k => k.DueAt is not null).Min(k => k.DueAt) ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.DueAt ?? DateTimeOffset.MaxValue)
            .ToList();
    }

    /// <summary>Running legal terms that end before <paramref name="until"/>, the closest first.</summary>
    public static async Task<IReadOnlyList<DeadlineItem>> DeadlinesDueAsync(IQuerySession tenant, DateTimeOffset until, CancellationToken ct = default)
    {
        var cases = await tenant.Query<CaseSummary>()
            .Where(c => c.Status == "open" && c.Clocks.Any(k => k.Status == "running" && k.DueAt <= until))
            .ToListAsync(ct);
        return cases
            .SelectMany(c => c.Clocks.Where(k => k.Status == "running" && k.DueAt <= until).Select(k =>
                new DeadlineItem(c.Id, c.Kind, c.Applicant, k.Name, k.DueAt!.Value, c.Steps.Values.Distinct().ToList())))
            .OrderBy(d => d.DueAt)
            .ToList();
    }

    public static async Task<IReadOnlyList<IncidentItem>> IncidentsAsync(IQuerySession tenant, CancellationToken ct = default)
    {
        var cases = await tenant.Query<CaseSummary>().Where(c => c.Status == "open" && c.Incidents.Any()).ToListAsync(ct);
        return cases
            .SelectMany(c => c.Incidents.Select(i => new IncidentItem(c.Id, c.Kind, i.Step, i.Activity, i.Attempts, i.Reason, i.RaisedAt)))
            .OrderBy(i => i.RaisedAt)
            .ToList();
    }
}
