namespace Sys2.Host.Files;

/// <summary>The bytes a command brings (an attachment) and their SHA-256, computed by the host from the bytes received.</summary>
public sealed record DocumentBytes(string Sha256, byte[] Content);
