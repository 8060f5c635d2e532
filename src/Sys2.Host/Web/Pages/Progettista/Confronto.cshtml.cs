using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>What changed between two versions of a definition (<see cref="DefinitionDiff"/>): by default from the published version to the newest.</summary>
public sealed class ConfrontoModel(DefinitionCatalog catalog) : DesignerPage
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "da")] public int? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public int? To { get; set; }

    public DefinitionVersion Before { get; private set; } = null!;
    public DefinitionVersion After { get; private set; } = null!;
    public DefinitionDiff Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        if (await catalog.FindAsync(Id, ct) is not { Latest: { } latest } history) return NotFound();
        var before = From is { } f ? history.Find(f) : history.Published ?? latest;
        var after = To is { } t ? history.Find(t) : latest;
        if (before is null || after is null)
            return NotFound($"{Id} has no version {(before is null ? From : To)} (versions: {string.Join(", ", history.Versions.Select(v => v.Version))})");
        (Before, After, Diff) = (before, after, DefinitionDiff.Between(before, after));
        return Page();
    }
}
