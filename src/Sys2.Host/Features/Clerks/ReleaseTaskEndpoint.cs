using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Give a task the caller holds back to the office's queue.</summary>
public static class ReleaseTaskEndpoint
{
    public static void MapReleaseTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}/release", async (string caseId, string step, VersionedRequest body, Caller caller, CaseService cases,
            IDocumentStore store, CancellationToken ct) =>
        {
            var offices = await CompleteTaskEndpoint.TaskOfficesAsync(store, caller, caseId, step, ct);
            return await CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new ReleaseTask(step, by), ct, offices: offices);
        })
            .Produces<CommandOutcome>();
}
