using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Web.Pages.Revisore;

/// <summary>
/// The auditor's list: every case of an entity she audits, open or closed, found by its number, the most recently
/// changed first, paged in PostgreSQL. Read with <see cref="Permission.AuditCases"/>; it changes nothing.
/// </summary>
public sealed class RevisoreModel(IDocumentStore store) : WorkspacePage
{
    public const int PageSize = 20;

    /// <summary>The states she can narrow to, as the page says them → as the case summary stores them.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, string Status)> States =
        [("aperte", "aperte", "open"), ("chiuse", "chiuse", "closed")];

    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "stato")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "numero")] public string? Number { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CaseSummary> Cases { get; private set; } = [];
    public long Total { get; private set; }
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The entities an auditor of several can choose among.</summary>
    public IReadOnlyList<string> Entities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Entities = Caller.TenantsFor(Permission.AuditCases);
        if (Entity is null && Entities.Count > 1) return Page(); // she says which entity first, as ?entity= on the API
        var access = Caller.In(Entity, Permission.AuditCases);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;

        PageNumber = Math.Max(1, PageNumber);
        var status = States.FirstOrDefault(s => s.Key == State).Status;
        var number = string.IsNullOrWhiteSpace(Number) ? null : Number.Trim().ToUpperInvariant();
        await using var session = store.QuerySession(access.Tenant);
        IQueryable<CaseSummary> query = session.Query<CaseSummary>().Stats(out var stats);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (number is not null) query = query.Where(c => c.Id.Contains(number));
        Cases = await query.OrderByDescending(c => c.UpdatedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Total = stats.TotalResults;
        return Page();
    }

    public string Link(int page) => QueryHelpers.AddQueryString("/revisore", new Dictionary<string, string?>
    {
        ["ente"] = Entity,
        ["stato"] = State,
        ["numero"] = Number,
        ["pagina"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(p => p.Value is { Length: > 0 }));
}
