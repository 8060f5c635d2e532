using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Workflows.Definitions.Loading;

/// <summary>What loading one file gave: the definition when it could be built, and every problem found.</summary>
public sealed record DefinitionLoad(string File, WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems);

/// <summary>
/// Reads definition files: YAML syntax, then the JSON schema, then the typed model. Semantic
/// checks across steps and files come after, in Validation/.
/// </summary>
public static class DefinitionLoader
{
    public static DefinitionLoad LoadFile(string path, string? displayName = null)
    {
        var file = displayName ?? path;
        var info = new FileInfo(path);
        if (!info.Exists) return new DefinitionLoad(file, null, [new(SourceSpan.None(file), "file not found")]);
        if (info.Length > YamlDocument.MaxBytes)
            return new DefinitionLoad(file, null, [new(SourceSpan.None(file), $"file is {info.Length} bytes; definitions are limited to {YamlDocument.MaxBytes}")]);
        return LoadText(file, File.ReadAllText(path));
    }

    public static DefinitionLoad LoadText(string file, string text)
    {
        var problems = new List<DefinitionProblem>();
        var document = YamlDocument.Parse(file, text, problems);
        if (document.Root is null) return new DefinitionLoad(file, null, problems);
        SchemaCheck.Check(document, problems);
        var canonical = CanonicalJson.Write(document.Root);
        // The builder repeats some schema findings in plainer words; keep one report per line and column.
        var builderProblems = new List<DefinitionProblem>();
        var definition = new ModelBuilder(document, builderProblems).Build(canonical, CanonicalJson.Sha256(canonical));
        var reported = problems.Select(p => p.Where).ToHashSet();
        problems.AddRange(builderProblems.Where(p => !reported.Contains(p.Where)));
        return new DefinitionLoad(file, definition, problems);
    }

    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> under a folder (or the one file given), in a stable order.</summary>
    public static IReadOnlyList<DefinitionLoad> LoadPath(string path)
    {
        if (File.Exists(path)) return [LoadFile(path, Relative(path))];
        if (!Directory.Exists(path)) return [new DefinitionLoad(path, null, [new(SourceSpan.None(path), "no such file or folder")])];
        return Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => LoadFile(f, Relative(f)))
            .ToList();
    }

    /// <summary>File names in problems are relative to the current directory, as a terminal expects.</summary>
    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
