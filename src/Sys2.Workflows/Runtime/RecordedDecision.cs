namespace Sys2.Workflows.Runtime;

/// <summary>
/// One decision as the stream recorded it: the events one trigger appended (they share a command id), when the
/// engine decided them and who asked. <see cref="Version"/> is the stream version of its first event, so a report
/// can point at the row an auditor would look at.
/// </summary>
public sealed record RecordedDecision(long Version, DateTimeOffset At, Actor By, IReadOnlyList<object> Events);
