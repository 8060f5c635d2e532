using Sys2.Workflows.Runtime;

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
        return await DecideOnStreamAsync(command, async (state, token) =>
        {
            var history = await definitions.FindAsync(state.DefinitionId, token);
            return history?.Find(migration.ToVersion) is { } target
                ? (target, null)
                : (null, $"unknown-version: {state.DefinitionId} has no version {migration.ToVersion} (versions: {string.Join(", ", history?.Versions.Select(v => v.Version) ?? [])})");
        }, null, ct);
    }
}
