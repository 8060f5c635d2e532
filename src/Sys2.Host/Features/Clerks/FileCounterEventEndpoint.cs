using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Documents or observations filed at the counter: the clerk records that they arrived.</summary>
public static class FileCounterEventEndpoint
{
    public sealed record EventRequest(Guid CommandId, long ExpectedVersion, JsonObject? Payload, string? Step);

    public static void MapFileCounterEvent(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/events/{name}", (string caseId, string name, EventRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
            ExternalEvents.All.Contains(name)
                ? CaseAnswers.SendAsync(request, cases, caseId, body.CommandId, body.ExpectedVersion, _ => new ReceiveEvent(name, body.Payload ?? [], body.Step), ct)
                : Task.FromResult(Results.Problem($"'{name}' is not an event a case waits for ({string.Join(", ", ExternalEvents.All)})", statusCode: 400)));
}
