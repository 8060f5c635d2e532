using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features;

/// <summary>How every use case answers: a command's outcome as HTTP, and the common path of a case command.</summary>
public static class CaseAnswers
{
    public static IResult ToResult(CommandOutcome outcome) => outcome.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(outcome),
        CommandStatus.Conflict => Results.Conflict(outcome),
        CommandStatus.NotFound => Results.NotFound(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    public static IResult NoCase(string caseId, string tenant, string when = "") =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no case {caseId} in {tenant}{when}");

    /// <summary>
    /// A command on a case as every clerk's use case sends it: checked against the caller's roles
    /// in the case's entity and office (refused: nothing is appended), with its own id (sent twice,
    /// it appends once) and the version it was decided on (stale: 409, nothing appended).
    /// </summary>
    public static async Task<IResult> SendAsync(Caller caller, CaseService cases, string caseId, Guid commandId, long expectedVersion,
        Func<Actor, Trigger> trigger, CancellationToken ct, Permission permission = Permission.WorkCases, IReadOnlyCollection<string>? offices = null)
    {
        var access = caller.On(caseId, permission, offices);
        if (access.Actor is not { } actor) return access.Refusal!;
        return ToResult(await cases.HandleAsync(new CaseCommand(commandId, access.Tenant, caseId, expectedVersion, trigger(actor), actor), ct));
    }
}
