namespace Sys2.Sandbox.DigiP;

/// <summary>Section <c>Sandbox:DigiP</c>: how much the hub reads of an untrusted SIP before refusing it.</summary>
public sealed class DigiPSandboxOptions
{
    public const string Section = "Sandbox:DigiP";

    public long MaxSipBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxEntries { get; set; } = 2000;

    /// <summary>Per file, counted while decompressing: a zip's declared sizes may lie.</summary>
    public long MaxEntryBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxIndexCharacters { get; set; } = 4 * 1024 * 1024;

    public int MaxIndexDepth { get; set; } = 32;
}
