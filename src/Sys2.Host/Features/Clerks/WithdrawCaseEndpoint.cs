using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Record that the applicant withdrew the application, with the reason for the record.</summary>
public static class WithdrawCaseEndpoint
{
    public sealed record WithdrawRequest(Guid CommandId, long ExpectedVersion, string Reason);

    public static void MapWithdrawCase(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/withdraw", (string caseId, WithdrawRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new WithdrawCase(body.Reason, by), ct))
            .Produces<CommandOutcome>();
}
