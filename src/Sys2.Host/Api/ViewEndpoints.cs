using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Api;

/// <summary>What a clerk and an operator look at: the inbox of their office and role, terms due soon, incidents.</summary>
public static class ViewEndpoints
{
    public static void MapViewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/inbox", async (HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.InboxAsync(session, caller.Actor.Office, caller.Actor.Role, ct));
        });

        app.MapGet("/api/deadlines", async (int? days, HttpRequest request, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.DeadlinesDueAsync(session, clock.GetUtcNow().AddDays(days ?? 7), ct));
        });

        app.MapGet("/api/incidents", async (HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.IncidentsAsync(session, ct));
        });

        app.MapGet("/api/cases", async (string? status, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseEndpoints.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            var query = session.Query<CaseSummary>().Where(c => status == null || c.Status == status);
            var page = await query.OrderByDescending(c => c.UpdatedAt).Take(200).ToListAsync(ct);
            return Results.Ok(page.Select(CaseListItem.Of));
        });
    }
}
