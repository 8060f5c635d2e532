using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Operators;

/// <summary>Call a regional system again for a step that raised an incident; the call goes out at once.</summary>
public static class RetryIncidentEndpoint
{
    public static void MapRetryIncident(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/incidents/{step}/retry", (string caseId, string step, VersionedRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new RetryIncident(step, by), ct, Permission.HandleIncidents))
            .Produces<CommandOutcome>();
}
