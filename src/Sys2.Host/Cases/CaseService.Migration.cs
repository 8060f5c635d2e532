using Sys2.Workflows.Runtime;
using Wolverine.Runtime;

namespace Sys2.Host.Cases;

// Migration goes through the same append path as every command (expected version, command id,
// audit chain); only the definition differs: the one the case moves to, whose key the events carry.
public sealed partial class CaseService
{
    /// <summary>Moves a running case to another stored version of its definition; <paramref name="command"/> carries a <see cref="MigrateCase"/>.</summary>
    public async Task<CommandOutcome> MigrateAsync(CaseCommand command, CancellationToken ct = default)
    {
        if (command.Trigger is not MigrateCase migration)
            throw new ArgumentException($"MigrateAsync takes a {nameof(MigrateCase)}, not a {command.Trigger.GetType().Name}", nameof(command));
        var bus = new MessageContext(runtime);
        await using var session = Session(bus, command.Tenant, command.CommandId, command.CorrelationId, command.By);
        if (await session.LoadAsync<ProcessedCommand>(command.CommandId, ct) is { } done)
            return new CommandOutcome(CommandStatus.Duplicate, done.CaseId, done.Version, done.Events);
        var stream = await session.Events.FetchStreamAsync(command.CaseId, token: ct);
        if (stream.Count == 0)
            return new CommandOutcome(CommandStatus.NotFound, command.CaseId, 0, [], $"case {command.CaseId} does not exist in {command.Tenant}");
        var state = CaseEvolution.Replay(stream.Select(e => e.Data));
        var history = await definitions.FindAsync(state.DefinitionId, ct);
        if (history?.Find(migration.ToVersion) is not { } target)
            return CommandOutcome.Refused(command.CaseId, state.Version,
                $"unknown-version: {state.DefinitionId} has no version {migration.ToVersion} (versions: {string.Join(", ", history?.Versions.Select(v => v.Version) ?? [])})");
        return await DecideAndAppendAsync(session, bus, command, definitions.Load(target), target.Key, stream, state, ct);
    }
}
