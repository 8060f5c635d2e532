using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>The caller's entity's cases, the most recently changed first, optionally by status.</summary>
public static class ListCasesEndpoint
{
    public static void MapListCases(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases", async (string? status, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            var query = session.Query<CaseSummary>().Where(c => status == null || c.Status == status);
            var page = await query.OrderByDescending(c => c.UpdatedAt).Take(200).ToListAsync(ct);
            return Results.Ok(page.Select(CaseListItem.Of));
        });
}
