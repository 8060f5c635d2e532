using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Take an open task from the office's queue: it becomes the caller's (refused while another holds it).</summary>
public static class ClaimTaskEndpoint
{
    public static void MapClaimTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}/claim", async (string caseId, string step, VersionedRequest body, Caller caller, CaseService cases,
            IDocumentStore store, CancellationToken ct) =>
        {
            // A clerk claims in the task's office, as she completes it there; the decider checks it again.
            var offices = await CompleteTaskEndpoint.TaskOfficesAsync(store, caller, caseId, step, ct);
            return await CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new ClaimTask(step, by), ct, offices: offices);
        })
            .Produces<CommandOutcome>();
}
