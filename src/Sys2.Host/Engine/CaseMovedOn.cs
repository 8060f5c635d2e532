using Sys2.Host.Cases;

namespace Sys2.Host.Engine;

/// <summary>
/// The engine's own trigger lost a race for a case's stream (a clerk's command was appended
/// between its read and its commit). Thrown so that Wolverine's error policy handles the
/// message again on the new version (<see cref="WolverineSetup"/>); the trigger carries its own
/// staleness guard (attempt, generation, derived command id), so deciding it again is safe.
/// </summary>
public sealed class CaseMovedOn(CommandOutcome outcome) : Exception(outcome.Error)
{
    public CommandOutcome Outcome { get; } = outcome;

    /// <summary>The outcome as it is, unless it is a conflict, which is thrown.</summary>
    public static CommandOutcome ThrowOnConflict(CommandOutcome outcome) =>
        outcome.Status == CommandStatus.Conflict ? throw new CaseMovedOn(outcome) : outcome;
}
