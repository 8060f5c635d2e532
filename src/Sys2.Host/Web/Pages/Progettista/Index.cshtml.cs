using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>The catalogue of definitions for the designer: each with its versions, what runs on them, and a way to start a new one.</summary>
public sealed class IndexModel(DefinitionCatalog catalog, Marten.IDocumentStore store) : DesignerPage
{
    public sealed record Row(DefinitionHistory History, string Title, long OpenCases);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        var counts = await VersionUsage.CountAsync(store, null, ct);
        Rows = [.. (await catalog.AllAsync(ct)).Where(h => h.Latest is not null).Select(h => new Row(h,
            catalog.Load(h.Published ?? h.Latest!).Title,
            counts.Where(c => c.DefinitionId == h.DefinitionId).Sum(c => c.Open)))];
        return Page();
    }

    /// <summary>A new definition is written in the editor under the id chosen here; the editor checks the id with the rest.</summary>
    public IActionResult OnGetNuova(string? id)
    {
        if (Enter() is { } refused) return refused;
        return Redirect($"/progettista/{Uri.EscapeDataString((id ?? "").Trim())}/modifica");
    }
}
