using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>The names of suspension grounds as stored in events.</summary>
public static class SuspensionReasons
{
    public const string Integration = "integration";
    public const string Preavviso = "preavviso";

    public static string Name(SuspensionReason reason) => reason == SuspensionReason.Preavviso ? Preavviso : Integration;
}
