using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Operators;

/// <summary>The open incidents of the caller's entity, the oldest first.</summary>
public static class IncidentsEndpoint
{
    public static void MapIncidents(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents", async (HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.IncidentsAsync(session, ct));
        });
}
