using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Interrupt a legal term: it starts again in full when resumed.</summary>
public static class InterruptDeadlineEndpoint
{
    public static void MapInterruptDeadline(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/deadlines/{clock}/interrupt", (string caseId, string clock, VersionedRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new InterruptDeadline(clock, by), ct))
            .Produces<CommandOutcome>();
}
