namespace Sys2.Workflows.Definitions;

/// <summary>
/// How the definition language writes the engine's enum values: <c>DeemedApproved</c> is
/// <c>deemed-approved</c>. The loader reads them this way and the runtime and the diagrams write
/// them back the same way, so a word in a definition and in an event is the same word.
/// </summary>
internal static class KebabCase
{
    /// <summary>DeemedApproved → deemed-approved, SilenzioAssenso → silenzio-assenso.</summary>
    public static string Of(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Of<T>(T value) where T : struct, Enum => Of(value.ToString());
}
