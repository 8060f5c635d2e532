using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Features.Designers;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Scenarios;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>
/// The editor of a definition's draft: the YAML and its scenarios in two text areas, saved as a new draft version
/// (<see cref="SaveDraftEndpoint.SaveAsync"/>) or run (<see cref="PublicationCheck"/>), every problem and failing
/// expectation listed at its line. Works as a plain form; with script, Monaco marks the problems as one types
/// (the <c>Valida</c> handler, the same check as <c>POST /api/definitions/validate</c>) and mermaid.js draws the draft.
/// </summary>
public sealed class ModificaModel(DefinitionCatalog catalog) : DesignerPage
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "versione")] public int? AskedVersion { get; set; }
    [BindProperty(Name = "yaml")] public string? Yaml { get; set; }
    [BindProperty(Name = "scenari")] public string? Scenarios { get; set; }

    public DefinitionHistory? History { get; private set; }
    public DraftValidation Validation { get; private set; } = new(false, [], null);
    public ScenarioReport? ScenarioRun { get; private set; }
    public DefinitionVersion? Saved { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        History = await catalog.FindAsync(Id, ct);
        if (History is null) (Yaml, Scenarios) = (NewDefinition(Id), "");
        else
        {
            var version = AskedVersion is { } v ? History.Find(v) : History.Latest;
            if (version is null) return NotFound();
            Yaml = version.SourceYaml;
            Scenarios = (await catalog.ScenariosAsync(Id, ct))?.Text ?? "";
        }
        Validation = ValidateDefinitionEndpoint.Check(Yaml);
        return Page();
    }

    public async Task<IActionResult> OnPostSalvaAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        var result = await SaveDraftEndpoint.SaveAsync(catalog, Id, Yaml ?? "", Scenarios ?? "", By, ct);
        Validation = ValidateDefinitionEndpoint.Check(Yaml ?? "");
        if (result.Version is { } saved)
        {
            Saved = saved;
            Message = result.Created
                ? $"Salvata la versione {saved.Version} (bozza)."
                : $"Il contenuto è quello della versione {saved.Version} ({DesignerText.Status(saved.Status)}): nessuna nuova versione. Scenari salvati.";
        }
        else (Message, Failed) = (Validation.Valid ? $"Non salvata: {result.Error}" : "Non salvata: la definizione ha dei problemi, elencati sotto con la loro riga.", true);
        History = await catalog.FindAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScenariAsync(CancellationToken ct)
    {
        if (Enter() is { } refused) return refused;
        var check = PublicationCheck.Of(Yaml ?? "", Scenarios ?? "");
        Validation = ValidateDefinitionEndpoint.Check(Yaml ?? "");
        ScenarioRun = check.Scenarios;
        (Message, Failed) = !check.Valid
            ? ("Scenari non eseguiti: la definizione ha dei problemi, elencati sotto con la loro riga.", true)
            : check.Scenarios.Passed
                ? ($"Scenari superati: {check.Scenarios.Scenarios} su {check.Scenarios.Scenarios}.", false)
                : ($"Scenari falliti: {check.Scenarios.Failed} su {check.Scenarios.Scenarios}.", true);
        History = await catalog.FindAsync(Id, ct);
        return Page();
    }

    /// <summary>The editor's check as one types: JSON for the page's script (the API itself takes bearer tokens only).</summary>
    public IActionResult OnPostValida()
    {
        if (Enter() is { } refused) return refused;
        return new JsonResult(ValidateDefinitionEndpoint.Check(Yaml ?? ""));
    }

    /// <summary>Where a new definition starts: the smallest text that validates, under the id chosen.</summary>
    private static string NewDefinition(string id) => $$"""
        id: {{id}}
        title: Nuovo procedimento
        kind: suap
        legalBasis: L. 241/1990
        start: istruttoria
        steps:
          istruttoria:
            title: Istruttoria
            task: { role: clerk, office: SUAP }
            outcomes: { accolta: accolta, respinta: respinta }
          accolta:
            end: approved
          respinta:
            end: rejected

        """;
}
