using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Features.Designers;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>
/// One definition for its designer: every version with who saved and published it and when, how many cases run on
/// it and at which steps; publishing a version (the same <see cref="PublishVersionEndpoint.PublishAsync"/> as the
/// API, refused with its reasons while the validator or a scenario fails), duplicating it, comparing two versions.
/// </summary>
public sealed class DefinizioneModel(DefinitionCatalog catalog, Marten.IDocumentStore store) : DesignerPage
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public DefinitionHistory History { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyDictionary<int, VersionCount> Counts { get; private set; } = new Dictionary<int, VersionCount>();
    public string? Message { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public bool Failed { get; private set; }
    /// <summary>The id the designer typed for a copy, shown again when it was refused.</summary>
    public string? NewId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostPubblicaAsync(int versione, CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        var result = await PublishVersionEndpoint.PublishAsync(catalog, Id, versione, By, ct);
        if (result.Version is { } published)
            Message = $"Pubblicata la versione {published.Version}: i nuovi casi si aprono su questa.";
        else
        {
            (Message, Failed) = ($"La versione {versione} non è stata pubblicata.", true);
            Reasons = result.Check is { } check ? check.Refusals() : [result.Error ?? ""];
        }
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostDuplicaAsync(string? nuovoId, int? versione, CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        var result = await DuplicateDefinitionEndpoint.DuplicateAsync(catalog, Id, versione, nuovoId ?? "", By, ct);
        if (result.Version is { } copy) return Redirect($"/progettista/{copy.DefinitionId}/modifica");
        (Message, Failed, NewId) = ("La copia non è stata creata.", true, nuovoId);
        Reasons = [result.Error!, .. result.Check.Refusals()];
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await catalog.FindAsync(Id, ct) is not { Latest: { } latest } history) return NotFound();
        History = history;
        Title = catalog.Load(history.Published ?? latest).Title;
        Counts = (await VersionUsage.CountAsync(store, Id, ct)).ToDictionary(c => c.Version);
        return Page();
    }
}
