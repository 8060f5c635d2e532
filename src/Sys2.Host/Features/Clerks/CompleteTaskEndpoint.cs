using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Complete an open task with one of its outcomes and its form.</summary>
public static class CompleteTaskEndpoint
{
    public sealed record CompleteRequest(Guid CommandId, long ExpectedVersion, string Outcome, JsonObject? Form);

    public static void MapCompleteTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}", (string caseId, string step, CompleteRequest body, HttpRequest request, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(request, cases, caseId, body.CommandId, body.ExpectedVersion,
                by => new CompleteTask(step, body.Outcome, body.Form ?? [], by), ct));
}
