using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Diagrams;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>
/// A definition's diagram as a heatmap: each step coloured by the open cases standing on it now, and beside it the same
/// figures as a table, with the median time spent in each step (<see cref="StepLoad"/>, from the cases' events). Drawn
/// on the published version; the cases of every version count, by step name.
/// </summary>
public sealed class DefinizioneModel(IDocumentStore store, DefinitionCatalog definitions, TimeProvider clock) : CapofilaPage(definitions, clock)
{
    public WorkflowDefinition Definition { get; private set; } = null!;
    public string Diagram { get; private set; } = "";
    public IReadOnlyList<StepFigure> Steps { get; private set; } = [];
    public int OpenCases { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await Definitions.PublishedAsync(id, ct) is not { } published) return NotFound();
        Definition = Definitions.Load(published);
        var facts = await IndicatorQuery.FactsAsync(store, Scope, id, null, ct);
        Steps = StepLoad.Compute(facts, Definition.Steps.Keys.Order(StringComparer.Ordinal));
        OpenCases = facts.Count(f => f.ClosedAt is null);
        var diagram = MermaidDiagram.RenderWithLoad(Definition, Steps.ToDictionary(s => s.Step, s => s.CasesNow));
        // Mermaid names the drawing for assistive technologies from these two lines (its accTitle and accDescr).
        var newline = diagram.IndexOf('\n');
        Diagram = diagram[..(newline + 1)]
            + $"    accTitle: Diagramma di {OneLine(Definition.Title)}\n"
            + "    accDescr: Le fasi più cariche hanno il colore più intenso; i numeri sono nella tabella accanto\n"
            + diagram[(newline + 1)..];
        return Page();
    }

    /// <summary>"3 g 4 h", "5 h 10 min", "40 min".</summary>
    public static string Length(TimeSpan? length) => length switch
    {
        null => "–",
        { TotalDays: >= 1 } t => $"{(int)t.TotalDays} g {t.Hours} h",
        { TotalHours: >= 1 } t => $"{t.Hours} h {t.Minutes} min",
        var t => $"{(int)t.Value.TotalMinutes} min",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace(":", " ");
}
