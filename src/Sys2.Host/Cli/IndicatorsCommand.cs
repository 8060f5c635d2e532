using System.CommandLine;
using Marten;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Storage;
using Sys2.Host.Views;
using Sys2.PrivatePostgres;
using Sys2.Workflows.Indicators;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>indicators --year 2026 [--quarter 1] [--entity H769] [--procedure suap.scia] [--list]</c>: the lead partner's
/// figures from the cases' events in the database, the same query and calculator as <c>/capofila</c> and
/// <c>GET /api/indicators</c>, so an entity can recompute its own numbers from its own events; <c>--list</c> prints each
/// case with how it stands against its terms.
/// </summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { Description = "The year, e.g. 2026", Required = true };
        var quarter = new Option<int?>("--quarter") { Description = "A quarter of it, 1 to 4 (default: the whole year)" };
        var entity = new Option<string?>("--entity") { Description = "Only this entity, e.g. H769 (default: all)" };
        var procedure = new Option<string?>("--procedure") { Description = "Only this definition, e.g. suap.scia (default: all)" };
        var list = new Option<bool>("--list") { Description = "Print each case counted, with its terms" };
        var command = new Command("indicators", "Cases opened and closed, the share decided within the legal term, silenzi-assensi and incidents, per entity and procedure.")
        {
            year, quarter, entity, procedure, list,
        };
        command.Validators.Add(result =>
        {
            if (!ReportingPeriod.IsValid(result.GetValue(year), result.GetValue(quarter)))
                result.AddError("--year must be 2000 to 2100 and --quarter 1 to 4");
            if (result.GetValue(entity) is { } e && EntityCatalogue.Load().ByTenantId(e.Trim().ToUpperInvariant()) is null)
                result.AddError($"--entity '{e}' is not an entity of the SYS² aggregation");
        });
        command.SetAction((parsed, ct) => RunAsync(new ReportingPeriod(parsed.GetRequiredValue(year), parsed.GetValue(quarter)),
            parsed.GetValue(entity)?.Trim().ToUpperInvariant(), parsed.GetValue(procedure), parsed.GetValue(list), parsed.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> RunAsync(ReportingPeriod period, string? entity, string? procedure, bool list, TextWriter output, CancellationToken ct)
    {
        var connection = await DatabaseConnection.ResolveAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), RepositoryRoot.TryFind());
        await using var store = DocumentStore.For(opts => MartenSetup.Configure(opts, connection));
        var facts = await IndicatorQuery.FactsAsync(store, entity is null ? null : [entity], procedure, period.LastDay, ct);
        var report = ProjectIndicators.Compute(facts, period);
        output.WriteLine($"Periodo: {period}");
        output.WriteLine("ente\tprocedimento\taperte\tchiuse\tnei termini\tfuori termine\tquota\tsilenzi-assensi\tincidenti\taperti");
        foreach (var r in report.Rows)
            output.WriteLine($"{r.Tenant}\t{r.DefinitionId}\t{r[Figure.Opened]}\t{r[Figure.Closed]}\t{r[Figure.WithinTerm]}\t{r[Figure.OutOfTerm]}\t"
                + $"{Share(r.ShareWithinTerm)}\t{r[Figure.SilenceAssents]}\t{r[Figure.IncidentsRaised]}\t{r[Figure.IncidentsOpen]}");
        output.WriteLine($"Totale: {report.Total(Figure.WithinTerm)} su {report.Total(Figure.Judged)} decise nei termini ({Share(report.ShareWithinTerm)})");
        if (list)
            foreach (var c in facts.Where(f => Enum.GetValues<Figure>().Any(x => ProjectIndicators.Count(f, x, period) > 0)).OrderBy(f => f.CaseId, StringComparer.Ordinal))
                output.WriteLine($"  {c.CaseId}  {c.Verdict}  "
                    + string.Join("; ", c.Terms.Select(t => $"{t.Clock} {(t.Expired ? "expired" : "stopped")} {t.EndedAt:O} due {t.DueAt:O}{(t.Overran ? " overran" : "")}")));
        return 0;
    }

    private static string Share(decimal? share) => share is { } s ? $"{s * 100:0.0}%" : "-";
}
