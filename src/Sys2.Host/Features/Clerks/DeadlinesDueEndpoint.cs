using Marten;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>Running legal terms of the caller's entity that end within <c>days</c> (default 7), the closest first.</summary>
public static class DeadlinesDueEndpoint
{
    public static void MapDeadlinesDue(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/deadlines", async (int? days, HttpRequest request, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return Results.Ok(await CaseViews.DeadlinesDueAsync(session, clock.GetUtcNow().AddDays(days ?? 7), ct));
        });
}
