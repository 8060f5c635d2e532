using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Invoices;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>
/// The routing table of one entity: which office code (CodiceDestinatario) goes to which of its offices, editable
/// by its operators with the same <see cref="ReceivedFiles.SaveRouteAsync"/> as <c>PUT /api/invoices/routes/{code}</c>.
/// </summary>
public sealed class InstradamentoModel(ReceivedFiles files) : WorkspacePage
{
    [BindProperty(SupportsGet = true, Name = "ente")] public string? Entity { get; set; }
    /// <summary>The code whose row was chosen for editing: the form starts from it.</summary>
    [BindProperty(SupportsGet = true, Name = "codice")] public string? Code { get; set; }

    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<InvoiceRoute> Routes { get; private set; } = [];
    public InvoiceRoute? Editing { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Choose() is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? codice, string? ufficio, string? descrizione, CancellationToken ct)
    {
        if (Choose() is { } refused) return refused;
        var result = await files.SaveRouteAsync(codice ?? "", Tenant, ufficio, descrizione, Caller, ct);
        (Message, Failed) = result.Value is { } route
            ? ($"Il codice {route.Id} ora porta a {route.Office} di {OperatorScope.Label(route.Tenant)}.", false)
            : ($"Non salvato: {result.Refusal}", true);
        Code = result.Value is null ? codice : null;
        await LoadAsync(ct);
        return Page();
    }

    private IActionResult? Choose()
    {
        Entities = OperatorScope.Entities(Caller);
        if (Entities.Count == 0) return StatusCode(StatusCodes.Status403Forbidden);
        var access = Caller.ActingIn(Entity is { Length: > 0 } e ? e.Trim().ToUpperInvariant() : Entities[0], Permission.HandleIncidents);
        if (!access.Allowed) return Refuse(access);
        Tenant = access.Tenant;
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Routes = await files.RoutesAsync(Tenant, ct);
        Editing = Routes.FirstOrDefault(r => r.Id == Code?.Trim().ToUpperInvariant());
    }
}
