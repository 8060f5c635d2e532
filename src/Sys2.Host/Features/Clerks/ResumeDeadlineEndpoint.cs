using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Resume a suspended or interrupted legal term.</summary>
public static class ResumeDeadlineEndpoint
{
    public static void MapResumeDeadline(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/deadlines/{clock}/resume", (string caseId, string clock, VersionedRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new ResumeDeadline(clock, by), ct))
            .Produces<CommandOutcome>();
}
