using System.Globalization;
using System.Text;
using Sys2.Host.Access;
using Sys2.Host.Cases;

namespace Sys2.Host.Features.Auditors;

/// <summary>
/// A case's history as CSV, one row per stored event, for a spreadsheet: <c>GET /api/cases/{caseId}/history.csv</c>.
/// The data column is the event's JSON as PostgreSQL holds it and the hash column its link in the chain, so the rows
/// are the ones <c>verify</c> recomputes. (The same history as JSON, with the state after each event: <c>/history</c>.)
/// </summary>
public static class ExportHistoryCsvEndpoint
{
    public const string MediaType = "text/csv; charset=utf-8";

    public static void MapExportHistoryCsv(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{caseId}/history.csv", async (string caseId, Caller caller, CaseAudit audit, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.AuditCases);
            if (!access.Allowed) return access.Refusal!;
            var rows = await audit.RowsAsync(access.Tenant, caseId, ct);
            return rows.Count == 0
                ? CaseAnswers.NoCase(caseId, access.Tenant)
                : Results.File(Encoding.UTF8.GetBytes(Csv(rows)), MediaType, FileName(caseId));
        })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

    public static string FileName(string caseId) => $"pratica-{caseId}-cronologia.csv";

    /// <summary>RFC 4180: comma-separated, CRLF, every field quoted (the JSON has commas and quotes of its own).</summary>
    public static string Csv(IReadOnlyList<StoredEvent> rows)
    {
        string[] columns = ["version", "type", "recorded_at", EventHeaders.At, EventHeaders.User, EventHeaders.UserName, EventHeaders.Role,
            EventHeaders.Office, EventHeaders.Correlation, EventHeaders.Causation, EventHeaders.Definition, EventHeaders.Hash, "data"];
        var csv = new StringBuilder().AppendJoin(',', columns.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            var h = row.HeaderValues();
            string?[] fields = [row.Version.ToString(CultureInfo.InvariantCulture), row.Type, row.RecordedAt.ToString("O", CultureInfo.InvariantCulture),
                h.GetValueOrDefault(EventHeaders.At), h.GetValueOrDefault(EventHeaders.User), h.GetValueOrDefault(EventHeaders.UserName),
                h.GetValueOrDefault(EventHeaders.Role), h.GetValueOrDefault(EventHeaders.Office), h.GetValueOrDefault(EventHeaders.Correlation),
                h.GetValueOrDefault(EventHeaders.Causation), h.GetValueOrDefault(EventHeaders.Definition), h.GetValueOrDefault(EventHeaders.Hash), row.Data];
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Quote(string? field) => "\"" + (field ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
