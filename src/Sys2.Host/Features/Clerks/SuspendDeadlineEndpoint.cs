using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Clerks;

/// <summary>Suspend a legal term on a ground the law allows (the decider checks how often and for how long).</summary>
public static class SuspendDeadlineEndpoint
{
    public sealed record SuspendRequest(Guid CommandId, long ExpectedVersion, string Reason);

    public static void MapSuspendDeadline(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/deadlines/{clock}/suspend", (string caseId, string clock, SuspendRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
            Enum.TryParse<SuspensionReason>(body.Reason, ignoreCase: true, out var reason)
                ? CaseAnswers.SendAsync(caller, cases, caseId, body.CommandId, body.ExpectedVersion, by => new SuspendDeadline(clock, reason, by), ct)
                : Task.FromResult(Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["reason"] = [$"'{body.Reason}' is not one of {string.Join(", ", Enum.GetNames<SuspensionReason>()).ToLowerInvariant()}"] },
                    detail: "the suspension's legal ground is not one the engine knows", title: "Invalid command")))
            .Produces<CommandOutcome>();
}
