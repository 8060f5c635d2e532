using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Invoices;
using Sys2.Host.Views;
using Sys2.Invoices;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>
/// The cases behind one figure of the indicators (<see cref="ProjectIndicators.Behind"/>, the same definition that added
/// the figure up), each with its dates and how it stands against its terms, and a link to its fascicolo; or, for the ITP,
/// the invoices of one entity's quarter with their amounts, due dates and payments.
/// </summary>
public sealed class PraticheModel(IDocumentStore store, DefinitionCatalog definitions, TimeProvider clock) : CapofilaPage(definitions, clock)
{
    /// <summary>A list of thousands of cases says nothing more; the filters narrow it, the exports count them all.</summary>
    public const int MaxLines = 500;

    public const string Timeliness = "itp";

    [BindProperty(SupportsGet = true, Name = "indicatore")] public string? FigureSlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "sistema")] public string? RegionalSystem { get; set; }

    public Figure? Figure { get; private set; }
    public IReadOnlyList<CaseFacts> Cases { get; private set; } = [];
    public int Total { get; private set; }
    public PaymentTimelinessReport.Report? Invoices { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadProceduresAsync(ct);
        if (FigureSlug == Timeliness) return await InvoicesAsync(ct);
        if (FigureNames.Parse(FigureSlug) is not { } figure) return NotFound();
        Figure = figure;
        var facts = await IndicatorQuery.FactsAsync(store, Scope, Procedure, Period.LastDay, ct);
        var behind = ProjectIndicators.Behind(facts, figure, Period, Entity, Procedure, RegionalSystem is { Length: > 0 } s ? s : null);
        Total = behind.Count;
        Cases = [.. behind.Take(MaxLines)];
        return Page();
    }

    /// <summary>The ITP is per entity and quarter: both must be named.</summary>
    private async Task<IActionResult> InvoicesAsync(CancellationToken ct)
    {
        if (Entity is null || Period.Quarter is not { } quarter) return BadRequest();
        await using var session = store.QuerySession(Entity);
        Invoices = await PaymentTimelinessReport.ForAsync(session, Entity, new Quarter(Period.Year, quarter), ct);
        return Page();
    }

    /// <summary>How a case stands against its legal terms, in words.</summary>
    public static string Verdict(TermVerdict verdict) => verdict switch
    {
        TermVerdict.WithinTerm => "Nei termini",
        TermVerdict.OutOfTerm => "Fuori termine",
        TermVerdict.NoTerm => "Senza termine di legge",
        TermVerdict.Withdrawn => "Ritirata dal richiedente",
        _ => "In corso",
    };

    /// <summary>Each term of the case: how it ended and against which due date.</summary>
    public static string Terms(CaseFacts c) => c.Terms.Count == 0 ? "–" : string.Join("; ", c.Terms.Select(t =>
        $"{t.Clock}: {(t.Expired ? "decorso" : "concluso")} il {ItalianText.DateTime(t.EndedAt)}"
        + (t.DueAt is { } due ? $", scadenza {ItalianText.DateTime(due)}" : ", non decorreva")
        + (t.Effect is { Length: > 0 } effect && effect != "none" ? $" ({effect})" : "")
        + (t.Overran ? " – fuori termine" : "")));
}
