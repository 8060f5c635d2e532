using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Web.Pages;

/// <summary>
/// The scrivania: the open tasks of the clerk's office and role in one entity, the same inbox the API's
/// <c>GET /api/inbox</c> answers, ordered by the legal term of the case (the term the law holds the office
/// to, not the internal due date), one page at a time. The office's queue (tasks nobody holds, each with a
/// button to claim it) and the clerk's own tasks (with a button to put each back) are shown apart.
/// </summary>
public sealed class ScrivaniaModel(IDocumentStore store, TimeProvider clock) : WorkspacePage
{
    public const int PageSize = 20;

    /// <summary>The orders a clerk can choose; the legal term first, since it is what the law holds the office to.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Orders =
        [("termine", "termine di legge"), ("scadenza", "scadenza del compito"), ("arrivo", "data di arrivo")];

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "ordine")] public string Order { get; set; } = "termine";
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string Office { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }

    /// <summary>The entities a person of several can choose among (a union's staff).</summary>
    public IReadOnlyList<string> Entities { get; private set; } = [];

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
        // A manager works no queue of her own: she sees the clerks' tasks of every office, with who holds each,
        // and gives them to people from the task's page.
        var inbox = IsManager
            ? await CaseViews.TasksOfRoleAsync(session, AccessRoles.Clerk, ct)
            : await CaseViews.InboxAsync(session, actor.Office, actor.Role, ct);
        Mine = [.. Sorted(inbox.Where(i => string.Equals(i.Assignee, Caller.Subject, StringComparison.OrdinalIgnoreCase)).ToList())];
        Colleagues = [.. Sorted(inbox.Where(i => i.Assignee is not null && !string.Equals(i.Assignee, Caller.Subject, StringComparison.OrdinalIgnoreCase)).ToList())];
        var queue = IsManager ? inbox : inbox.Where(i => i.Assignee is null).ToList();
        Total = queue.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = Sorted(queue).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>The tasks the clerk holds (claimed, or given to her by a manager).</summary>
    public IReadOnlyList<InboxItem> Mine { get; private set; } = [];

    /// <summary>The office's tasks held by colleagues: visible, not claimable.</summary>
    public IReadOnlyList<InboxItem> Colleagues { get; private set; } = [];

    public bool IsManager { get; private set; }

    // The inbox comes ordered by legal term; the other orders re-sort the same lines.
    private IEnumerable<InboxItem> Sorted(IReadOnlyList<InboxItem> inbox) => Order switch
    {
        "scadenza" => inbox.OrderBy(i => i.DueAt ?? DateTimeOffset.MaxValue),
        "arrivo" => inbox.OrderBy(i => i.AssignedAt),
        _ => inbox,
    };

    public static DateTimeOffset? LegalTerm(InboxItem item) => item.Clocks.Where(k => k.DueAt is not null).Min(k => k.DueAt);
}
