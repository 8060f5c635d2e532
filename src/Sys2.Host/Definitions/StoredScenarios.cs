namespace Sys2.Host.Definitions;

/// <summary>
/// The scenario tests of a definition (a <c>*.scenarios.yaml</c> text), kept with it in the database (id =
/// definition id) so that a draft written in the browser is tested, and refused publication, by the same
/// scenarios a designer edits beside it. Seeded from the file beside a shipped definition at start-up.
/// </summary>
public sealed class StoredScenarios
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
}
