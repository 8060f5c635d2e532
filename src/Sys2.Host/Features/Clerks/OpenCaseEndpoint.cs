using System.Text.Json.Nodes;
using Sys2.Host.Cases;

namespace Sys2.Host.Features.Clerks;

/// <summary>Open a case on the published version of a definition, in the caller's entity; its inputs are checked against the definition's types first.</summary>
public static class OpenCaseEndpoint
{
    public sealed record OpenRequest(Guid CommandId, JsonObject? Inputs);

    public static void MapOpenCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{definitionId}/cases", async (string definitionId, OpenRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return CaseAnswers.Unauthenticated();
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            return CaseAnswers.ToResult(await cases.OpenAsync(body.CommandId, caller.Tenant, definitionId, body.Inputs ?? [], caller.Actor, ct));
        });
}
