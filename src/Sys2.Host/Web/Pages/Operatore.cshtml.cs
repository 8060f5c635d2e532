using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Web.Pages;

/// <summary>An open incident with the case version the page showed, which its retry is decided on.</summary>
public sealed record IncidentLine(IncidentItem Incident, long Version);

/// <summary>
/// The operator's incidents: the entity's open incidents, as <c>GET /api/incidents</c> lists them, each with a
/// retry that sends the same <see cref="RetryIncident"/> command as <c>POST /api/cases/{caseId}/incidents/{step}/retry</c>.
/// </summary>
public sealed class OperatoreModel(IDocumentStore store, CaseService cases) : WorkspacePage
{
    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }

    public IReadOnlyList<IncidentLine> Incidents { get; private set; } = [];
    public IReadOnlyList<string> Entities { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Entities = Caller.TenantsFor(Permission.HandleIncidents);
        if (Entity is null && Entities.Count > 1) return Page();
        var access = Caller.In(Entity, Permission.HandleIncidents);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRiprovaAsync(string caseId, string step, Guid commandId, long expectedVersion, CancellationToken ct)
    {
        Entities = Caller.TenantsFor(Permission.HandleIncidents);
        var access = Caller.On(caseId, Permission.HandleIncidents);
        if (access.Actor is not { } actor) return Refuse(access);
        Tenant = access.Tenant;
        Entity ??= access.Tenant;
        var outcome = await cases.HandleAsync(new CaseCommand(commandId, access.Tenant, caseId, expectedVersion, new RetryIncident(step, actor), actor), ct);
        (Message, Failed) = outcome.Status switch
        {
            CommandStatus.Accepted or CommandStatus.Duplicate => ($"Nuovo tentativo avviato per {caseId} ({step}).", false),
            CommandStatus.Conflict => ($"La pratica {caseId} è cambiata, ricarica: il tentativo non è stato avviato.", true),
            _ => ($"Tentativo rifiutato per {caseId}: {outcome.Error}", true),
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Tenant);
        var incidents = await CaseViews.IncidentsAsync(session, ct);
        var versions = (await session.LoadManyAsync<CaseSummary>(ct, incidents.Select(i => i.CaseId).Distinct()))
            .ToDictionary(s => s.Id, s => s.Version);
        Incidents = [.. incidents.Select(i => new IncidentLine(i, versions.GetValueOrDefault(i.CaseId)))];
    }
}
