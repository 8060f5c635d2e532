using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Managers;

/// <summary>Move a running case to another version of its definition: a manager's or a designer's decision, recorded with its reason.</summary>
public static class MigrateCaseEndpoint
{
    public sealed record MigrateRequest(Guid CommandId, long ExpectedVersion, int ToVersion, Dictionary<string, string> Mapping, string Reason);

    public static void MapMigrateCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/migrate", async (string caseId, MigrateRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.MigrateCases);
            if (access.Actor is not { } actor) return access.Refusal!;
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            return CaseAnswers.ToResult(await cases.MigrateAsync(new CaseCommand(body.CommandId, access.Tenant, caseId, body.ExpectedVersion,
                new MigrateCase(body.ToVersion, body.Mapping ?? [], body.Reason ?? "", actor), actor), ct));
        })
            .Produces<CommandOutcome>();
}
