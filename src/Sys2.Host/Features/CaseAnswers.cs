using Sys2.Host.Access;
using Sys2.Host.Cases;
using Sys2.Host.Files;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Features;

/// <summary>
/// How every use case answers: a command's outcome as HTTP (an RFC 9457 problem for every refusal,
/// with the case, its version and the refusal's code), and the common path of a case command.
/// </summary>
public static class CaseAnswers
{
    public static IResult ToResult(CommandOutcome outcome) => outcome.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(outcome),
        CommandStatus.Invalid => Results.ValidationProblem(outcome.Errors ?? new Dictionary<string, string[]>(), detail: outcome.Error, title: "Invalid command"),
        CommandStatus.Conflict => Problem(outcome, StatusCodes.Status409Conflict, "The case has moved on"),
        CommandStatus.NotFound => Problem(outcome, StatusCodes.Status404NotFound, "No such case"),
        CommandStatus.Reused => Problem(outcome, StatusCodes.Status422UnprocessableEntity, "Command id reused"),
        _ => Problem(outcome, StatusCodes.Status422UnprocessableEntity, "Command refused"),
    };

    /// <summary>A refused command as a problem: the decider's words, and the case, its version and the refusal's code.</summary>
    public static IResult Problem(CommandOutcome outcome, int status, string title) =>
        Results.Problem(outcome.Error, statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["caseId"] = outcome.CaseId, ["version"] = outcome.Version, ["code"] = outcome.Code,
        });

    public static IResult NoCase(string caseId, string tenant, string when = "") =>
        Results.Problem($"no case {caseId} in {tenant}{when}", statusCode: StatusCodes.Status404NotFound, title: "No such case");

    /// <summary>
    /// Every command carries its own id, made by the client once per command (a GUID), so that the
    /// same command sent twice appends once. Without one a retry could not be told from a new command.
    /// </summary>
    public static IResult? MissingCommandId(Guid commandId) =>
        commandId == Guid.Empty
            ? Results.ValidationProblem(
                new Dictionary<string, string[]> { ["commandId"] = ["missing or empty: expected a new GUID for each command (the same one only to repeat that command)"] },
                detail: "commandId is required on every command", title: "Invalid command")
            : null;

    /// <summary>
    /// A command on a case as every clerk's use case sends it: checked against the caller's roles
    /// in the case's entity and office (refused: nothing is appended), with its own id (sent twice,
    /// it appends once) and the version it was decided on (stale: 409, nothing appended).
    /// </summary>
    public static Task<IResult> SendAsync(Caller caller, CaseService cases, string caseId, Guid commandId, long expectedVersion,
        Func<Actor, Trigger> trigger, CancellationToken ct, Permission permission = Permission.WorkCases, IReadOnlyCollection<string>? offices = null) =>
        SendAsync(caller, cases, caseId, commandId, expectedVersion, trigger, content: null, ct, permission, offices);

    /// <summary>The same, bringing a document's bytes, stored with the event that names them.</summary>
    public static async Task<IResult> SendAsync(Caller caller, CaseService cases, string caseId, Guid commandId, long expectedVersion,
        Func<Actor, Trigger> trigger, DocumentBytes? content, CancellationToken ct, Permission permission = Permission.WorkCases,
        IReadOnlyCollection<string>? offices = null)
    {
        var access = caller.On(caseId, permission, offices);
        if (access.Actor is not { } actor) return access.Refusal!;
        if (MissingCommandId(commandId) is { } missing) return missing;
        return ToResult(await cases.HandleAsync(new CaseCommand(commandId, access.Tenant, caseId, expectedVersion, trigger(actor), actor), content, ct));
    }
}
