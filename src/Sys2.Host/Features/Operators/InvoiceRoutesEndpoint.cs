using Marten;
using Sys2.Host.Access;
using Sys2.Host.Invoices;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Features.Operators;

/// <summary>The table that routes invoices by office code (CodiceDestinatario) to an entity and office; kept by operators.</summary>
public static class InvoiceRoutesEndpoint
{
    public sealed record RouteRequest(string Entity, string? Office, string? Description);

    public static void MapInvoiceRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoices/routes", async (string? entity, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession();
            return Results.Ok(await session.Query<InvoiceRoute>().Where(r => r.Tenant == access.Tenant).OrderBy(r => r.Id).ToListAsync(ct));
        }).Produces<IReadOnlyList<InvoiceRoute>>();

        app.MapPut("/api/invoices/routes/{code}", async (string code, RouteRequest body, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            code = code.Trim().ToUpperInvariant();
            if (!Sys2.Invoices.OfficeCode.IsValid(code))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"'{code}' is not an IPA office code: expected 6 letters or digits"] });
            var entity = EntityCatalogue.Load().ByTenantId(body.Entity?.Trim().ToUpperInvariant() ?? "") ?? EntityCatalogue.Load().ByTenantId(body.Entity?.Trim() ?? "");
            if (entity is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["entity"] = [$"'{body.Entity}' is not an entity of the aggregation"] });
            var access = caller.ActingIn(entity.TenantId, Permission.HandleIncidents);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.LightweightSession();
            // A code that routes to another entity is moved only by someone who may act for that one too.
            if (await session.LoadAsync<InvoiceRoute>(code, ct) is { } existing && existing.Tenant != entity.TenantId
                && caller.ActingIn(existing.Tenant, Permission.HandleIncidents) is { Allowed: false } other)
                return other.Refusal!;
            var office = string.IsNullOrWhiteSpace(body.Office) ? InvoiceRoute.DefaultOffice : body.Office.Trim();
            var route = new InvoiceRoute(code, entity.TenantId, office, body.Description?.Trim() ?? $"{entity.Name} – {office}", Seeded: false,
                clock.GetUtcNow(), access.Actor!.User);
            session.Store(route);
            await session.SaveChangesAsync(ct);
            return Results.Ok(route);
        }).Produces<InvoiceRoute>();
    }
}
