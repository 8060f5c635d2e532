using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>
/// A trigger for one case, as a client sends it: its own id (for idempotency), the tenant it
/// acts in, and the stream version it was decided on (for optimistic concurrency; null only for
/// the engine's own triggers, which carry their own staleness guard).
/// </summary>
public sealed record CaseCommand(Guid CommandId, string Tenant, string CaseId, long? ExpectedVersion, Trigger Trigger, Actor By, string? CorrelationId = null);

/// <summary>
/// <c>Invalid</c>: the command's fields are wrong (<see cref="CommandOutcome.Errors"/> by path); <c>Reused</c>: its id
/// was already used for another command. Neither appended anything.
/// </summary>
public enum CommandStatus { Accepted, Duplicate, Refused, Conflict, NotFound, Invalid, Reused }

/// <summary>
/// What happened to a command; a refused or conflicting command appended nothing. <c>Code</c>
/// is the decider's refusal code (<c>case-closed</c>, <c>not-waiting</c>, …), for callers that
/// answer each refusal for what it is.
/// </summary>
public sealed record CommandOutcome(CommandStatus Status, string CaseId, long Version, IReadOnlyList<string> Events, string? Error = null, string? Code = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static CommandOutcome Invalid(string caseId, string error, IReadOnlyDictionary<string, string[]> errors) =>
        new(CommandStatus.Invalid, caseId, 0, [], error, null, errors);

    public static CommandOutcome Refused(string caseId, long version, string error) => new(CommandStatus.Refused, caseId, version, [], error);

    public static CommandOutcome Refused(string caseId, long version, DomainError error) =>
        new(CommandStatus.Refused, caseId, version, [], error.ToString(), error.Code);
}
