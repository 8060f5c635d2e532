using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Cases;
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
            var events = await session.Events.FetchStreamAsync(caseId, token: ct);
            if (events.Count == 0) return Results.NotFound(new { error = $"no case {caseId} in {caller.Tenant}" });
            var state = CaseEvolution.Replay(events.Select(e => e.Data));
            return Results.Ok(new
            {
                state.CaseId, state.Tenant, state.DefinitionId, state.DefinitionVersion, state.Version,
                status = state.Status.ToString().ToLowerInvariant(), state.Outcome,
                steps = state.Tokens.Values.Select(t => new { token = t.Id, t.Step, waitingFor = t.Bookmark?.GetType().Name }),
                clocks = state.Clocks.Values.Select(c => new { c.Name, status = c.Status.ToString().ToLowerInvariant(), c.DueAt, c.Remaining }),
            });
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
