using Marten;
using Sys2.Host.Access;
using Sys2.Host.Views;

namespace Sys2.Host.Features.Clerks;

/// <summary>Running legal terms of an entity that end within <c>days</c> (default 7), the closest first.</summary>
public static class DeadlinesDueEndpoint
{
    /// <summary>A year ahead is the longest a clerk plans; beyond it the date arithmetic of the query would overflow long before it meant anything.</summary>
    public const int MaxDays = 366;

    public static void MapDeadlinesDue(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/deadlines", async (int? days, string? entity, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.ReadCases);
            if (!access.Allowed) return access.Refusal!;
            if (days is < 0 or > MaxDays)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"{days} is out of range: expected a whole number of days from 0 to {MaxDays}"] },
                    detail: $"days must be between 0 and {MaxDays}", title: "Query parameter out of range");
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await CaseViews.DeadlinesDueAsync(session, clock.GetUtcNow().AddDays(days ?? 7), ct));
        })
            .Produces<IReadOnlyList<DeadlineItem>>();
}
