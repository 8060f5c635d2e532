using Sys2.Host.Access;
using Sys2.Host.Migrations;

namespace Sys2.Host.Features.Designers;

/// <summary>
/// What would happen to the running cases of a definition if they moved to one of its versions: per case safe,
/// needs a step mapping, or diverges (and where), in the entities where the caller may migrate cases. Nothing moves.
/// </summary>
public static class WhatIfMigrationEndpoint
{
    /// <summary>Mappings per case id (old step → new step), for the cases a first plan said need one.</summary>
    public sealed record WhatIfRequest(Dictionary<string, Dictionary<string, string>>? Mappings);

    public static void MapWhatIfMigration(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{id}/versions/{version:int}/what-if",
                async (string id, int version, WhatIfRequest? body, Caller caller, MigrationPlanner planner, CancellationToken ct) =>
                {
                    var tenants = caller.TenantsFor(Permission.MigrateCases);
                    if (tenants.Count == 0) return Results.Problem("your roles allow migrating cases in no entity", statusCode: StatusCodes.Status403Forbidden);
                    var mappings = body?.Mappings?.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, string>)m.Value);
                    return await planner.PlanAsync(id, version, tenants, mappings, ct) is { } plan
                        ? Results.Ok(plan)
                        : Results.Problem($"no definition '{id}' version {version}", statusCode: StatusCodes.Status404NotFound, title: "No such definition version");
                })
            .Produces<MigrationPlan>();
}
