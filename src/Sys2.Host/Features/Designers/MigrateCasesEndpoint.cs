using Sys2.Host.Access;
using Sys2.Host.Migrations;

namespace Sys2.Host.Features.Designers;

/// <summary>
/// Moves chosen running cases to a version after a what-if: each assessed again, the safe ones as they are, the
/// others only with the mapping given and, when they diverge, with the divergence accepted (<see cref="MigrationBatch"/>).
/// </summary>
public static class MigrateCasesEndpoint
{
    public sealed record ChosenCase(string CaseId, long ExpectedVersion, Dictionary<string, string>? Mapping, bool AcceptDivergence);

    public sealed record MigrateCasesRequest(string Reason, List<ChosenCase> Cases);

    public static void MapMigrateCases(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{id}/versions/{version:int}/migrations",
                async (string id, int version, MigrateCasesRequest body, Caller caller, MigrationBatch batch, CancellationToken ct) =>
                {
                    if (body.Cases is not { Count: > 0 })
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["cases"] = ["choose at least one case"] });
                    var choices = new List<MigrationChoice>();
                    foreach (var chosen in body.Cases)
                    {
                        var access = caller.On(chosen.CaseId, Permission.MigrateCases);
                        if (!access.Allowed) return access.Refusal!;
                        choices.Add(new MigrationChoice(access.Tenant, chosen.CaseId, chosen.ExpectedVersion, chosen.Mapping ?? [], chosen.AcceptDivergence));
                    }
                    return Results.Ok(await batch.MigrateAsync(id, version, body.Reason ?? "", choices,
                        tenant => caller.ActingIn(tenant, Permission.MigrateCases).Actor, ct));
                })
            .Produces<IReadOnlyList<MigrationResult>>();
}
