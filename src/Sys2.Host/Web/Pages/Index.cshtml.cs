using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Web.Pages;

/// <summary>
/// The scrivania: the clerk's own tasks (claimed, or given to her by a manager, each with a button to put it
/// back) and the office's queue (tasks nobody holds, each with a button to claim it), ordered by the legal term
/// of the case (the term the law holds the office to), the follow-up date or the arrival, and narrowed by the
/// case's data (procedure, applicant, state, term). Filtering, sorting and paging happen in PostgreSQL
/// (<see cref="TaskQuery"/>); a filter can be saved under a name, on the server, per user.
/// </summary>
public sealed class ScrivaniaModel(IDocumentStore store, TimeProvider clock) : WorkspacePage
{
    public const int PageSize = 20;

    /// <summary>How many of her own and her colleagues' tasks are shown at once (a person holds a few at a time).</summary>
    public const int HeldShown = 100;

    /// <summary>The orders a clerk can choose; the legal term first, since it is what the law holds the office to.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Orders =
        [(TaskFilter.ByLegalTerm, "termine di legge"), (TaskFilter.ByFollowUp, "scadenza del compito"), (TaskFilter.ByArrival, "data di arrivo")];

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "ordine")] public string Order { get; set; } = TaskFilter.ByLegalTerm;
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "procedimento")] public string? Procedure { get; set; }
    [BindProperty(SupportsGet = true, Name = "richiedente")] public string? Applicant { get; set; }
    [BindProperty(SupportsGet = true, Name = "stato")] public string? CaseState { get; set; }
    [BindProperty(SupportsGet = true, Name = "entro")] public int? TermWithinDays { get; set; }
    [BindProperty(Name = "nome")] public string? FilterName { get; set; }

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];
    public long Total { get; private set; }
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string Office { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }

    /// <summary>The tasks the clerk holds (claimed, or given to her by a manager).</summary>
    public IReadOnlyList<InboxItem> Mine { get; private set; } = [];

    /// <summary>The office's tasks held by colleagues: visible, not claimable.</summary>
    public IReadOnlyList<InboxItem> Colleagues { get; private set; } = [];

    public bool IsManager { get; private set; }

    public IReadOnlyList<SavedFilter> Saved { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The entities a person of several can choose among (a union's staff).</summary>
    public IReadOnlyList<string> Entities { get; private set; } = [];

    public TaskFilter Filter => new(Blank(Procedure), Blank(Applicant), Blank(CaseState), TermWithinDays is >= 0 and <= 366 ? TermWithinDays : null,
        Orders.Any(o => o.Key == Order) ? Order : TaskFilter.ByLegalTerm);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Entities = Caller.TenantsFor(Permission.WorkCases);
        if (Entity is null && Entities.Count > 1) return Page(); // she says which entity first, as ?entity= on the API
        if (Entity is null && Entities.Count == 0)
            return Caller.TenantsFor(Permission.HandleIncidents).Count > 0 ? RedirectToPage("/Operatore") : Page();
        var access = Caller.In(Entity, Permission.WorkCases);
        if (access.Actor is not { } actor) return Refuse(access);
        Tenant = access.Tenant;
        Office = actor.Office;

        await using var session = store.QuerySession(access.Tenant);
        IsManager = actor.Role == AccessRoles.Manager;
        var filter = Filter;
        PageNumber = Math.Max(1, PageNumber);
        if (IsManager)
        {
            // A manager works no queue of her own: she sees the clerks' tasks of every office, with who holds each,
            // and gives them to people from the task's page.
            (Items, Total) = await TaskQuery.OfRoleAsync(session, AccessRoles.Clerk, filter, PageNumber, PageSize, Now, ct);
        }
        else
        {
            Mine = (await TaskQuery.HeldByAsync(session, Caller.Subject, filter, 1, HeldShown, Now, ct)).Items;
            Colleagues = [.. (await TaskQuery.HeldInAsync(session, actor.Role, actor.Office, filter, 1, HeldShown, Now, ct)).Items
                .Where(i => !string.Equals(i.Assignee, Caller.Subject, StringComparison.OrdinalIgnoreCase))];
            (Items, Total) = await TaskQuery.QueueAsync(session, actor.Role, actor.Office, filter, PageNumber, PageSize, Now, ct);
        }
        Saved = (await session.LoadAsync<SavedFilters>(Caller.Subject, ct))?.Filters ?? [];
        return Page();
    }

    /// <summary>Keeps the filter shown under a name, on the server, for this person in this entity.</summary>
    public async Task<IActionResult> OnPostSalvaAsync(CancellationToken ct)
    {
        var access = Caller.In(Entity, Permission.WorkCases);
        if (!access.Allowed) return Refuse(access);
        var name = FilterName?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            Error = "Dai al filtro un nome (al più 100 caratteri).";
            return await OnGetAsync(ct);
        }
        var filter = Filter;
        await using var session = store.LightweightSession(access.Tenant);
        var saved = await session.LoadAsync<SavedFilters>(Caller.Subject, ct) ?? new SavedFilters { Id = Caller.Subject };
        saved.Save(new SavedFilter(name, filter.Procedure, filter.Applicant, filter.State, filter.TermWithinDays, filter.Order));
        session.Store(saved);
        await session.SaveChangesAsync(ct);
        return Redirect(Link(filter));
    }

    public async Task<IActionResult> OnPostEliminaAsync(CancellationToken ct)
    {
        var access = Caller.In(Entity, Permission.WorkCases);
        if (!access.Allowed) return Refuse(access);
        await using var session = store.LightweightSession(access.Tenant);
        if (await session.LoadAsync<SavedFilters>(Caller.Subject, ct) is { } saved && saved.Remove(FilterName ?? ""))
        {
            session.Store(saved);
            await session.SaveChangesAsync(ct);
        }
        return Redirect(Link(Filter));
    }

    /// <summary>The scrivania's address for a filter (and a page of it): what a saved filter's link and the pages' links are.</summary>
    public string Link(TaskFilter filter, int page = 1)
    {
        var query = new Dictionary<string, string?>
        {
            ["ente"] = Entity, ["procedimento"] = filter.Procedure, ["richiedente"] = filter.Applicant, ["stato"] = filter.State,
            ["entro"] = filter.TermWithinDays?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ordine"] = filter.Order,
            ["pagina"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/", query.Where(p => p.Value is { Length: > 0 }));
    }

    public static DateTimeOffset? LegalTerm(InboxItem item) => item.Clocks.Where(k => k.DueAt is not null).Min(k => k.DueAt);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
