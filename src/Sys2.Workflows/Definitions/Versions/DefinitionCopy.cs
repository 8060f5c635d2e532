using System.Text.RegularExpressions;

namespace Sys2.Workflows.Definitions.Versions;

/// <summary>
/// A definition's text (and its scenarios') under a new id, for a designer who starts a new procedure from one that
/// works. Only the top-level <c>id:</c> line (and the scenarios' <c>definition:</c> line) change, so the copy keeps the
/// original's comments and layout; the copy is checked like any other draft when it is saved.
/// </summary>
public static partial class DefinitionCopy
{
    /// <summary>The same pattern as the schema's <c>id</c>: lowercase words joined by dots or dashes.</summary>
    [GeneratedRegex("^[a-z][a-z0-9]*([.-][a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^id:[^\S\r\n]*\S.*$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^definition:[^\S\r\n]*\S.*$", RegexOptions.Multiline)]
    private static partial Regex DefinitionLine();

    /// <summary>The renamed texts, or why not (the new id's problem, or a text with no top-level id line).</summary>
    public static (string Yaml, string? Scenarios, string? Error) Rename(string yaml, string? scenarios, string newId)
    {
        newId = newId.Trim();
        if (!IdPattern().IsMatch(newId))
            return (yaml, scenarios, $"'{newId}' is not a definition id: lowercase letters and digits, words joined by '.' or '-' (e.g. suap.scia-2026)");
        if (!IdLine().IsMatch(yaml)) return (yaml, scenarios, "the definition has no top-level 'id:' line to rename");
        var renamed = IdLine().Replace(yaml, $"id: {newId}", 1);
        var renamedScenarios = scenarios is null ? null : DefinitionLine().Replace(scenarios, $"definition: {newId}", 1);
        return (renamed, renamedScenarios, null);
    }
}
