using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Operators;

/// <summary>The open incidents of an entity, the oldest first.</summary>
public static class IncidentsEndpoint
{
    public static void MapIncidents(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents", async (string? entity, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.HandleIncidents);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await CaseViews.IncidentsAsync(session, ct));
        })
            .Produces<IReadOnlyList<IncidentItem>>();
}
