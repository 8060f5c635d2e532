using System.CommandLine;
using System.Globalization;
using Marten;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Invoices;
using Sys2.Invoices;
using Sys2.Host.Storage;
using Sys2.PrivatePostgres;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>invoice timeliness --entity H769 --quarter 2026Q1</c>: the indicator of payment timeliness (ITP, DPCM
/// 22/9/2014 art. 9) and the debt past due and unpaid at the quarter's end, computed from the entity's invoice
/// cases in the database, with the invoices behind the figures (<c>--list</c>). The same figures as
/// <c>GET /api/invoices/timeliness</c>.
/// </summary>
public static class InvoiceTimelinessCommand
{
    public static Command Create()
    {
        var entity = new Option<string>("--entity") { Description = "The entity's tenant id, e.g. H769", Required = true };
        var quarter = new Option<string>("--quarter") { Description = "The quarter, e.g. 2026Q1", Required = true };
        var list = new Option<bool>("--list") { Description = "Print each invoice behind the figures" };
        var command = new Command("timeliness", "The ITP (DPCM 22/9/2014) of an entity for a quarter and its unpaid debt past due, from its invoice cases.")
        {
            entity, quarter, list,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(quarter) is { } q && !Quarter.TryParse(q, out _))
                result.AddError($"--quarter '{q}' is not a quarter: expected e.g. 2026Q1");
            if (result.GetValue(entity) is { } e && EntityCatalogue.Load().ByTenantId(e.Trim().ToUpperInvariant()) is null
                && EntityCatalogue.Load().ByTenantId(e.Trim()) is null)
                result.AddError($"--entity '{e}' is not an entity of the SYS² aggregation");
        });
        command.SetAction((parsed, ct) => RunAsync(parsed.GetRequiredValue(entity), parsed.GetRequiredValue(quarter), parsed.GetValue(list),
            parsed.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> RunAsync(string entity, string quarterText, bool list, TextWriter output, CancellationToken ct)
    {
        var tenant = EntityCatalogue.Load().ByTenantId(entity.Trim().ToUpperInvariant())?.TenantId ?? entity.Trim();
        Quarter.TryParse(quarterText, out var quarter);
        var connection = await DatabaseConnection.ResolveAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), RepositoryRoot.TryFind());
        await using var store = DocumentStore.For(opts => MartenSetup.Configure(opts, connection));
        await using var session = store.QuerySession(tenant);
        var report = await PaymentTimelinessReport.ForAsync(session, tenant, quarter, ct);
        var t = report.Timeliness;
        var it = CultureInfo.GetCultureInfo("it-IT");
        output.WriteLine($"{tenant}, {t.Quarter}: ITP {(t.Indicator is { } i ? i.ToString("0.00", it) + " giorni" : "– (nessun pagamento nel trimestre)")}; "
            + $"{t.PaidCount} fatture pagate per {Euro(t.PaidCents, it)}; debito scaduto e non pagato a fine trimestre: {t.OverdueCount} fatture, {Euro(t.OverdueDebtCents, it)}");
        if (list)
            foreach (var line in report.Invoices)
                output.WriteLine($"  {line.CaseId}  {Euro(line.AmountCents, it),15}  scadenza {line.DueDate:yyyy-MM-dd}  "
                    + (line.PaidOn is { } paid ? $"pagata {paid:yyyy-MM-dd} ({paid.DayNumber - line.DueDate.DayNumber:+0;-0;0} giorni)" : "non pagata"));
        return 0;
    }

    private static string Euro(long cents, CultureInfo culture) => (cents / 100m).ToString("#,##0.00", culture) + " €";
}
