using System.Text.Json.Nodes;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>
/// Documents or observations filed at the counter: the clerk records that they arrived. Events
/// that only a regional system may send (a payment receipt, an SdI message) are refused here:
/// they come through that system's signed endpoint.
/// </summary>
public static class FileCounterEventEndpoint
{
    public sealed record EventRequest(Guid CommandId, long ExpectedVersion, JsonObject? Payload, string? Step);

    public static void MapFileCounterEvent(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/events/{name}", (string caseId, string name, EventRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            ExternalEvents.AtTheCounter.Contains(name)
                ? CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new ReceiveEvent(name, body.Payload ?? [], body.Step) { By = by }, ct)
                : Task.FromResult(ExternalEvents.All.Contains(name)
                    ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not filed at the counter",
                        detail: $"'{name}' comes from a regional system through its authenticated endpoint; at the counter one files {string.Join(", ", ExternalEvents.AtTheCounter)}")
                    : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown event",
                        detail: $"'{name}' is not an event a case waits for; at the counter one files {string.Join(", ", ExternalEvents.AtTheCounter)}")))
            .Produces<CommandOutcome>();
}
