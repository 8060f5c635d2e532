using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sys2.Host.Views;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>A table of the export: its name (the Excel sheet's), its columns and its rows, the cells as values.</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The indicators as the tables the page shows, for the exports: the CSV is the first table (the figures per entity and
/// procedure), the Excel workbook has one sheet per table. Numbers stay numbers (a share as a fraction, the ITP in days),
/// so a spreadsheet can add them up; entity codes and names both, so a member entity finds its row.
/// </summary>
public static class IndicatorSheets
{
    private static readonly Figure[] Columns =
    [
        Figure.Opened, Figure.Closed, Figure.Judged, Figure.WithinTerm, Figure.OutOfTerm, Figure.SilenceAssents,
        Figure.IncidentsRaised, Figure.IncidentsOpen, Figure.IncidentsResolved,
    ];

    public static IReadOnlyList<Sheet> Of(IndicatorReport report, IReadOnlyList<TimelinessLine> timeliness, Func<string, string> procedureTitle) =>
    [
        new("Indicatori",
            ["Codice ente", "Ente", "Procedimento", "Titolo", .. Columns.Select(FigureNames.Label), "Quota nei termini"],
            [.. report.Rows.Select(r => (IReadOnlyList<object?>)
                [r.Tenant, CapofilaPage.EntityLabel(r.Tenant), r.DefinitionId, procedureTitle(r.DefinitionId),
                 .. Columns.Select(f => (object?)r[f]), r.ShareWithinTerm])]),
        new("Incidenti",
            ["Codice ente", "Ente", "Sistema", "Incidenti", "Ancora aperti", "Risolti"],
            [.. report.Incidents.Select(i => (IReadOnlyList<object?>)
                [i.Tenant, CapofilaPage.EntityLabel(i.Tenant), i.System, i.Raised, i.Open, i.Resolved])]),
        new("ITP",
            ["Codice ente", "Ente", "Trimestre", "ITP (giorni)", "Fatture pagate", "Importo pagato (euro)", "Fatture scadute non pagate", "Debito scaduto (euro)"],
            [.. timeliness.Select(t => (IReadOnlyList<object?>)
                [t.Tenant, CapofilaPage.EntityLabel(t.Tenant), t.Report.Timeliness.Quarter.ToString(), t.Report.Timeliness.Indicator,
                 t.Report.Timeliness.PaidCount, t.Report.Timeliness.PaidCents / 100m, t.Report.Timeliness.OverdueCount,
                 t.Report.Timeliness.OverdueDebtCents / 100m])]),
    ];

    /// <summary>RFC 4180: commas, fields quoted when they need it, CRLF, numbers with a point; UTF-8 with a BOM so Excel reads the accents.</summary>
    public static byte[] Csv(Sheet sheet)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", sheet.Columns.Select(Field))).Append("\r\n");
        foreach (var row in sheet.Rows)
            text.Append(string.Join(",", row.Select(c => Field(Cell(c))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<Sheet> sheets)
    {
        var workbook = sheets.ToDictionary(s => s.Name, s => (object)s.Rows
            .Select(row => s.Columns.Select((column, i) => (column, value: row[i])).ToDictionary(x => x.column, x => x.value))
            .ToList());
        using var stream = new MemoryStream();
        stream.SaveAs(workbook, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
