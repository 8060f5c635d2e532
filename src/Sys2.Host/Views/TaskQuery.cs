using Marten;
using Marten.Linq;

namespace Sys2.Host.Views;

/// <summary>
/// What a clerk narrows the scrivania to, on the case's data: the procedure (definition), the applicant (part
/// of the name), the state (the step a task of the case is at), the legal term (ending within so many days);
/// and the order: the legal term, the follow-up date (the task's own due date) or the arrival.
/// </summary>
public sealed record TaskFilter(string? Procedure = null, string? Applicant = null, string? State = null, int? TermWithinDays = null, string Order = TaskFilter.ByLegalTerm)
{
    public const string ByLegalTerm = "termine", ByFollowUp = "scadenza", ByArrival = "arrivo";

    public bool IsEmpty => Procedure is null && Applicant is null && State is null && TermWithinDays is null;
}

/// <summary>One page of lines and how many there are in all.</summary>
public sealed record TaskPage(IReadOnlyList<InboxItem> Items, long Total);

/// <summary>
/// The scrivania's lists, filtered, sorted and paged by PostgreSQL: only the page's cases are read, whatever
/// the office holds (thousands of open cases). The keys are <see cref="CaseSummary"/>'s flat fields
/// (<c>Queues</c>, <c>Holders</c>, <c>NextLegalTerm</c>…), shaped from the engine's state like every view.
/// </summary>
public static class TaskQuery
{
    /// <summary>The tasks of a role of an office nobody holds (the office's queue).</summary>
    public static Task<TaskPage> QueueAsync(IQuerySession tenant, string role, string office, TaskFilter filter, int page, int size, DateTimeOffset now, CancellationToken ct)
    {
        var queue = CaseSummary.Queue(role, office);
        return PageAsync(tenant.Query<CaseSummary>().Where(c => c.Status == "open" && c.Queues.Contains(queue)), filter, page, size, now,
            t => t.Assignee == null && t.Role == role && t.Office == office, ct);
    }

    /// <summary>The tasks <paramref name="user"/> holds.</summary>
    public static Task<TaskPage> HeldByAsync(IQuerySession tenant, string user, TaskFilter filter, int page, int size, DateTimeOffset now, CancellationToken ct) =>
        PageAsync(tenant.Query<CaseSummary>().Where(c => c.Status == "open" && c.Holders.Contains(user)), filter, page, size, now,
            t => string.Equals(t.Assignee, user, StringComparison.OrdinalIgnoreCase), ct);

    /// <summary>The tasks of a role of an office that someone holds (to see who works what).</summary>
    public static Task<TaskPage> HeldInAsync(IQuerySession tenant, string role, string office, TaskFilter filter, int page, int size, DateTimeOffset now, CancellationToken ct)
    {
        var queue = CaseSummary.Queue(role, office);
        return PageAsync(tenant.Query<CaseSummary>().Where(c => c.Status == "open" && c.HeldIn.Contains(queue)), filter, page, size, now,
            t => t.Assignee != null && t.Role == role && t.Office == office, ct);
    }

    /// <summary>The open tasks of a role in every office (a manager's view of who works what).</summary>
    public static Task<TaskPage> OfRoleAsync(IQuerySession tenant, string role, TaskFilter filter, int page, int size, DateTimeOffset now, CancellationToken ct) =>
        PageAsync(tenant.Query<CaseSummary>().Where(c => c.Status == "open" && c.Tasks.Any(t => t.Role == role)), filter, page, size, now, t => t.Role == role, ct);

    private static async Task<TaskPage> PageAsync(IQueryable<CaseSummary> cases, TaskFilter filter, int page, int size, DateTimeOffset now,
        Func<OpenTask, bool> shown, CancellationToken ct)
    {
        if (filter.Procedure is { Length: > 0 } procedure) cases = cases.Where(c => c.DefinitionId == procedure);
        if (filter.Applicant is { Length: > 0 } applicant) cases = cases.Where(c => c.Applicant != null && c.Applicant.Contains(applicant, StringComparison.OrdinalIgnoreCase));
        if (filter.State is { Length: > 0 } state)
        {
            cases = cases.Where(c => c.StepNames.Contains(state));
        }
        if (filter.TermWithinDays is { } days)
        {
            var until = now.AddDays(days);
            cases = cases.Where(c => c.NextLegalTerm != null && c.NextLegalTerm <= until);
        }
        cases = filter.Order switch
        {
            TaskFilter.ByFollowUp => cases.OrderBy(c => c.NextTaskDue).ThenBy(c => c.Id),
            TaskFilter.ByArrival => cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id),
            _ => cases.OrderBy(c => c.NextLegalTerm).ThenBy(c => c.Id),
        };
        var found = await cases.Stats(out var stats).Skip((Math.Max(page, 1) - 1) * size).Take(size).ToListAsync(ct);
        var items = found.SelectMany(c => c.Tasks.Where(shown).Select(t =>
            new InboxItem(c.Id, c.Kind, c.Applicant, t.Step, t.Role, t.Office, t.Outcomes, t.DueAt, t.AssignedAt, c.Clocks, t.Assignee, t.AssigneeName, c.Version)));
        return new TaskPage([.. items], stats.TotalResults);
    }
}
