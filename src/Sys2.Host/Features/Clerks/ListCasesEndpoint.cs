using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>An entity's cases, the most recently changed first, optionally by status.</summary>
public static class ListCasesEndpoint
{
    public static void MapListCases(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases", async (string? status, string? entity, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            var query = session.Query<CaseSummary>().Where(c => status == null || c.Status == status);
            var page = await query.OrderByDescending(c => c.UpdatedAt).Take(200).ToListAsync(ct);
            return Results.Ok(page.Select(CaseListItem.Of));
        })
            .Produces<IReadOnlyList<CaseListItem>>();
}
