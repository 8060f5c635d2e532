using System.Text.Json.Nodes;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Operators;

/// <summary>
/// An operator's correction of a case variable whose wrong value made a step fail, with her reason; recorded as a
/// <c>VariableCorrected</c> event (the value it replaced kept), after which the step is retried as usual.
/// </summary>
public static class CorrectVariableEndpoint
{
    public sealed record CorrectionRequest(Guid CommandId, long ExpectedVersion, JsonNode? Value, string? Reason);

    public static void MapCorrectVariable(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/variables/{name}/correct", (string caseId, string name, CorrectionRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new CorrectVariable(name, body.Value, body.Reason ?? "", by), ct,
                Permission.HandleIncidents))
            .Produces<CommandOutcome>();
}
