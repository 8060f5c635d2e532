using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Cases;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Api;

/// <summary>For clerks: open a case, read it, complete its tasks. Everything is scoped to the caller's tenant.</summary>
public static class CaseEndpoints
{
    public sealed record OpenRequest(Guid CommandId, JsonObject Inputs);

    public sealed record CompleteRequest(Guid CommandId, long ExpectedVersion, string Outcome, JsonObject? Form);

    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/definitions/{definitionId}/cases", async (string definitionId, OpenRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
            RequestActor.From(request) is { } caller
                ? ToResult(await cases.OpenAsync(body.CommandId, caller.Tenant, definitionId, body.Inputs, caller.Actor, ct))
                : Unauthenticated());

        app.MapPost("/api/cases/{caseId}/tasks/{step}", async (string caseId, string step, CompleteRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
            RequestActor.From(request) is { } caller
                ? ToResult(await cases.HandleAsync(new CaseCommand(body.CommandId, caller.Tenant, caseId, body.ExpectedVersion,
                    new CompleteTask(step, body.Outcome, body.Form ?? [], caller.Actor), caller.Actor), ct))
                : Unauthenticated());

        app.MapGet("/api/cases/{caseId}", async (string caseId, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            if (RequestActor.From(request) is not { } caller) return Unauthenticated();
            await using var session = store.QuerySession(caller.Tenant);
            return await session.LoadAsync<CaseSummary>(caseId, ct) is { } summary
                ? Results.Ok(CaseView.Of(summary))
                : Results.NotFound(new { error = $"no case {caseId} in {caller.Tenant}" });
        });
    }

    internal static IResult ToResult(CommandOutcome outcome) => outcome.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(outcome),
        CommandStatus.Conflict => Results.Conflict(outcome),
        CommandStatus.NotFound => Results.NotFound(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    internal static IResult Unauthenticated() =>
        Results.Problem($"send {RequestActor.TenantHeader} and {RequestActor.UserHeader} headers", statusCode: StatusCodes.Status401Unauthorized);
}
