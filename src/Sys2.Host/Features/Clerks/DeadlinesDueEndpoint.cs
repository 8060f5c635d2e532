using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>Running legal terms of an entity that end within <c>days</c> (default 7), the closest first.</summary>
public static class DeadlinesDueEndpoint
{
    public static void MapDeadlinesDue(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/deadlines", async (int? days, string? entity, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await CaseViews.DeadlinesDueAsync(session, clock.GetUtcNow().AddDays(days ?? 7), ct));
        });
}
