using System.Text.Json.Nodes;
using Sys2.Host.Access;
using Sys2.Host.Cases;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// Open a case on the published version of a definition, in the caller's entity (or the one named,
/// for staff of several); its inputs are checked against the definition's types first.
/// </summary>
public static class OpenCaseEndpoint
{
    public sealed record OpenRequest(Guid CommandId, JsonObject? Inputs, string? Entity = null);

    public static void MapOpenCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{definitionId}/cases", async (string definitionId, OpenRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
        {
            var access = caller.In(body.Entity, Permission.WorkCases);
            if (access.Actor is not { } actor) return access.Refusal!;
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            return CaseAnswers.ToResult(await cases.OpenAsync(body.CommandId, access.Tenant, definitionId, body.Inputs ?? [], actor, ct));
        })
            .Produces<CommandOutcome>();
}
