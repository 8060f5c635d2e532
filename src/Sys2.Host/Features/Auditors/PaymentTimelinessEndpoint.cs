using Marten;
using Sys2.Host.Access;
using Sys2.Host.Invoices;
using Sys2.Invoices;

namespace Sys2.Host.Features.Auditors;

/// <summary>The ITP of an entity for a quarter (DPCM 22/9/2014), with the invoices behind it: <c>GET /api/invoices/timeliness?entity=H769&amp;quarter=2026Q1</c>.</summary>
public static class PaymentTimelinessEndpoint
{
    public static void MapPaymentTimeliness(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/invoices/timeliness", async (string? entity, string? quarter, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            if (!Quarter.TryParse(quarter, out var q))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quarter"] = [$"'{quarter}' is not a quarter: expected e.g. 2026Q1"] });
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await PaymentTimelinessReport.ForAsync(session, access.Tenant, q, ct));
        }).Produces<PaymentTimelinessReport.Report>();
}
