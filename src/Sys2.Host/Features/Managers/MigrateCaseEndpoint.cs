using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Managers;

/// <summary>Move a running case to another version of its definition: a manager's decision, recorded with its reason.</summary>
public static class MigrateCaseEndpoint
{
    public sealed record MigrateRequest(Guid CommandId, long ExpectedVersion, int ToVersion, Dictionary<string, string> Mapping, string Reason);

    public static void MapMigrateCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/migrate", async (string caseId, MigrateRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            if (caller.Actor.Role is not ("manager" or "designer"))
                return Results.Problem($"role '{caller.Actor.Role}' may not migrate a case: a manager or a designer may", statusCode: StatusCodes.Status403Forbidden);
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            return CaseAnswers.ToResult(await cases.MigrateAsync(new CaseCommand(body.CommandId, caller.Tenant, caseId, body.ExpectedVersion,
                new MigrateCase(body.ToVersion, body.Mapping ?? [], body.Reason ?? "", caller.Actor), caller.Actor), ct));
        });
}
