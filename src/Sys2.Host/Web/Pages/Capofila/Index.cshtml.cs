using Marten;
using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>
/// The lead partner's indicators across the entities for a year or a quarter, one procedure or all: cases opened and
/// closed, the share decided within the legal term, silenzi-assensi, incidents per regional system, the ITP per quarter;
/// each figure links to the cases behind it; the same tables as CSV and Excel.
/// </summary>
public sealed class IndexModel(IDocumentStore store, DefinitionCatalog definitions, TimeProvider clock) : CapofilaPage(definitions, clock)
{
    public IndicatorReport Report { get; private set; } = null!;
    public IReadOnlyList<TimelinessLine> Timeliness { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(IndicatorSheets.Csv(Sheets()[0]), "text/csv; charset=utf-8", $"{FileName()}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(IndicatorSheets.Xlsx(Sheets()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{FileName()}.xlsx");
    }

    /// <summary>The address of an export with this page's filters.</summary>
    public string Export(string handler) =>
        "/capofila" + QueryString.Create(new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["anno"] = Period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trimestre"] = Period.Quarter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ente"] = Entity,
            ["procedimento"] = Procedure,
        }.Where(p => p.Value is not null));

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadProceduresAsync(ct);
        var facts = await IndicatorQuery.FactsAsync(store, Scope, Procedure, Period.LastDay, ct);
        Report = ProjectIndicators.Compute(facts, Period);
        // The ITP is about invoices: it follows the entity filter, not the procedure's.
        Timeliness = await IndicatorQuery.TimelinessAsync(store, Scope, Period, ct);
    }

    private IReadOnlyList<Sheet> Sheets() => IndicatorSheets.Of(Report, Timeliness, ProcedureTitle);

    private string FileName() =>
        $"indicatori-{Period.Year}{(Period.Quarter is { } q ? $"-T{q}" : "")}{(Entity is { } e ? $"-{e}" : "")}{(Procedure is { } p ? $"-{p}" : "")}";
}
