namespace Sys2.Host.Features;

/// <summary>A command with nothing to say but its own id and the case version it was decided on.</summary>
public sealed record VersionedRequest(Guid CommandId, long ExpectedVersion);
