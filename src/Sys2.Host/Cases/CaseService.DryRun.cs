using Marten;
using Sys2.Host.Views;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>An event a command would append: its type and its body as the event store would write it.</summary>
public sealed record PlannedEvent(string Type, string Json);

/// <summary>
/// What a command would do if it were sent now: the same status a real send answers (accepted, a duplicate of a
/// command already appended, refused with the decider's reason, a conflict with a stale version, no such case)
/// and, when accepted, the exact events it would append. Nothing was written.
/// </summary>
public sealed record DryRun(CommandStatus Status, string CaseId, long Version, IReadOnlyList<PlannedEvent> Events, string? Error = null, string? Code = null);

// An operator looks before she leaps: a retry (or any command) is first decided by the same pure decider on the
// same stored state and pinned definition as a real send, and shown, without a session that could save anything.
// The real send decides again on its own read, so a case that moved on in between is a conflict there, never a
// surprise: the dry run's version is the expectedVersion the confirmation carries.
public sealed partial class CaseService
{
    /// <summary>Decides <paramref name="command"/> on the case as stored now and answers the events it would append; appends nothing.</summary>
    public async Task<DryRun> DryRunAsync(CaseCommand command, CancellationToken ct = default)
    {
        await using var session = store.QuerySession(command.Tenant);
        var batch = session.CreateBatchQuery();
        var processed = batch.Load<ProcessedCommand>(command.CommandId);
        var summary = batch.Load<CaseSummary>(command.CaseId);
        await batch.Execute(ct);
        if (await processed is { } done)
            return new DryRun(CommandStatus.Duplicate, done.CaseId, done.Version, [],
                $"command id {command.CommandId} was already sent: sending it again appends nothing");
        if (await summary is not { } file)
            return new DryRun(CommandStatus.NotFound, command.CaseId, 0, [], $"case {command.CaseId} does not exist in {command.Tenant}");
        var state = file.State;
        if (command.ExpectedVersion is { } expected && state.Version != expected)
        {
            var conflict = Conflict(command, state.Version);
            return new DryRun(conflict.Status, conflict.CaseId, conflict.Version, [], conflict.Error);
        }
        var version = await definitions.FindVersionAsync(state.DefinitionId, state.DefinitionVersion, ct)
                      ?? throw new InvalidOperationException($"case {command.CaseId} is pinned to {state.DefinitionId}@{state.DefinitionVersion}, which is not stored");
        var decision = Decider.Decide(definitions.Load(version), state, command.Trigger, clock.GetUtcNow());
        if (decision.Error is { } error)
            return new DryRun(CommandStatus.Refused, command.CaseId, state.Version, [], error.ToString(), error.Code);
        var serializer = store.Options.Serializer();
        return new DryRun(CommandStatus.Accepted, command.CaseId, state.Version,
            [.. decision.Events.Select(e => new PlannedEvent(e.GetType().Name, serializer.ToJson(e)))]);
    }
}
