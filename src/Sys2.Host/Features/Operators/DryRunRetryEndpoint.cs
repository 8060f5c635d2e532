using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features.Operators;

/// <summary>
/// What a retry of an incident would append, decided by the pure decider on the case as it is and not saved:
/// the operator sees the exact events before she sends the same body to <c>…/retry</c>.
/// </summary>
public static class DryRunRetryEndpoint
{
    public static void MapDryRunRetry(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{caseId}/incidents/{step}/retry/dry-run", async (string caseId, string step, VersionedRequest body, Caller caller, CaseService cases, CancellationToken ct) =>
        {
            var access = caller.On(caseId, Permission.HandleIncidents);
            if (access.Actor is not { } actor) return access.Refusal!;
            if (CaseAnswers.MissingCommandId(body.CommandId) is { } missing) return missing;
            var dryRun = await cases.DryRunAsync(new CaseCommand(body.CommandId, access.Tenant, caseId, body.ExpectedVersion, new RetryIncident(step, actor), actor), ct);
            // The same answers as the real send, so a client handles both alike; a duplicate is no error here.
            return dryRun.Status switch
            {
                CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(dryRun),
                _ => CaseAnswers.ToResult(new CommandOutcome(dryRun.Status, dryRun.CaseId, dryRun.Version, [], dryRun.Error, dryRun.Code)),
            };
        })
            .Produces<DryRun>();
}
