using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>The designers' words for versions and differences, in Italian, in one place.</summary>
public static class DesignerText
{
    public static string Status(VersionStatus status) => status switch
    {
        VersionStatus.Draft => "bozza",
        VersionStatus.Published => "pubblicata",
        _ => "ritirata",
    };

    public static string Section(string section) => section switch
    {
        DefinitionDiff.Header => "Intestazione",
        DefinitionDiff.Inputs => "Dati in ingresso",
        DefinitionDiff.Variables => "Variabili",
        DefinitionDiff.Clocks => "Termini (orologi)",
        _ => "Passi",
    };

    public static string Kind(DiffKind kind) => kind switch
    {
        DiffKind.Added => "aggiunto",
        DiffKind.Removed => "rimosso",
        _ => "modificato",
    };

    /// <summary>Colours with white text that keep WCAG AA contrast (Bootstrap Italia's warning and danger do not); the word says the kind.</summary>
    public static string Badge(DiffKind kind) => kind switch
    {
        DiffKind.Added => "bg-primary",
        _ => "bg-dark",
    };

    /// <summary>Who, or "—" for a version saved before Sys2 recorded it.</summary>
    public static string Who(string? by) => string.IsNullOrEmpty(by) ? "—" : by;

    /// <summary>A problem's place: "riga 12, colonna 5" (no line: the whole text).</summary>
    public static string Where(int line, int column) =>
        line <= 0 ? "tutto il testo" : column > 0 ? $"riga {line}, colonna {column}" : $"riga {line}";
}
