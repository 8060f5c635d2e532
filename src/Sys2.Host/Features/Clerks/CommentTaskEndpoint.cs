using Marten;
using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Write a note on an open task (kept in the case's record with who wrote it).</summary>
public static class CommentTaskEndpoint
{
    public sealed record CommentRequest(Guid CommandId, long ExpectedVersion, string Text);

    public static void MapCommentTask(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/tasks/{step}/comments", async (string caseId, string step, CommentRequest body, Caller caller, CaseService cases,
            IDocumentStore store, CancellationToken ct) =>
        {
            var offices = await CompleteTaskEndpoint.TaskOfficesAsync(store, caller, caseId, step, ct);
            return await CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new CommentTask(step, body.Text ?? "", by), ct,
                offices: offices);
        })
            .Produces<CommandOutcome>();
}
