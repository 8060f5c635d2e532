namespace Sys2.Workflows.Cases.Events;

/// <summary>A parallel step started its branches; each runs as its own token until it reaches <c>Join</c>.</summary>
public sealed record BranchesForked(string Step, string Token, string Join, IReadOnlyList<string> Branches);

/// <summary>One branch reached the join.</summary>
public sealed record BranchFinished(string Step, string Token, string Join);

/// <summary>Every branch reached the join; the parent flow goes on from there.</summary>
public sealed record BranchesJoined(string Step, string Token, string Join);
