using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features;

/// <summary>How every use case answers: a command's outcome as HTTP, the caller unknown, and the common path of a case command.</summary>
public static class CaseAnswers
{
    public static IResult ToResult(CommandOutcome outcome) => outcome.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(outcome),
        CommandStatus.Conflict => Results.Conflict(outcome),
        CommandStatus.NotFound => Results.NotFound(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    public static IResult Unauthenticated() =>
        Results.Problem($"send {RequestActor.TenantHeader} and {RequestActor.UserHeader} headers", statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NoCase(string caseId, string tenant, string when = "") =>
        Results.NotFound(new { error = $"no case {caseId} in {tenant}{when}" });

    /// <summary>
    /// A command on a case as every clerk's use case sends it: its own id (sent twice, it appends
    /// once) and the version it was decided on (stale: 409, nothing appended).
    /// </summary>
    public static async Task<IResult> SendAsync(HttpRequest request, CaseService cases, string caseId, Guid commandId, long expectedVersion,
        Func<Actor, Trigger> trigger, CancellationToken ct)
    {
        if (RequestActor.From(request) is not { } caller) return Unauthenticated();
        return ToResult(await cases.HandleAsync(new CaseCommand(commandId, caller.Tenant, caseId, expectedVersion, trigger(caller.Actor), caller.Actor), ct));
    }
}
