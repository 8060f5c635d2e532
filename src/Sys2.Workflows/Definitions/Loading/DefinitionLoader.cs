using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Formats;

namespace Sys2.Workflows.Definitions.Loading;

/// <summary>What loading one file gave: the definition when it could be built, every problem found, and the text that was read.</summary>
public sealed record DefinitionLoad(string File, WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems, string? Text = null);

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
        // The builder repeats some schema findings in plainer words, naming the value: keep one
        // report per line and column, the builder's.
        var builderProblems = new List<DefinitionProblem>();
        var definition = new ModelBuilder(document, builderProblems).Build(canonical, Sha256Hex.Of(canonical));
        return new DefinitionLoad(file, definition, Supersede(problems, builderProblems), text);
    }

    /// <summary>
    /// <paramref name="earlier"/> then <paramref name="plainer"/>, where the plainer problems
    /// reported at a line and column replace the earlier ones reported there.
    /// </summary>
    internal static List<DefinitionProblem> Supersede(IEnumerable<DefinitionProblem> earlier, IEnumerable<DefinitionProblem> plainer)
    {
        var plainerAt = plainer.GroupBy(p => p.Where).ToDictionary(g => g.Key, g => g.ToList());
        var order = plainer.Select(p => p.Where).Distinct().ToList();
        var replaced = new HashSet<SourceSpan>();
        var result = new List<DefinitionProblem>();
        foreach (var problem in earlier)
        {
            if (replaced.Contains(problem.Where)) continue;
            if (plainerAt.Remove(problem.Where, out var replacements))
            {
                result.AddRange(replacements);
                replaced.Add(problem.Where);
            }
            else result.Add(problem);
        }
        foreach (var where in order)
            if (plainerAt.Remove(where, out var rest)) result.AddRange(rest);
        return result;
    }

    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> under a folder (or the one file given), in a stable order; scenario files (<c>*.scenarios.yaml</c>) are not definitions.</summary>
    public static IReadOnlyList<DefinitionLoad> LoadPath(string path)
    {
        if (File.Exists(path)) return [LoadFile(path, Relative(path))];
        if (!Directory.Exists(path)) return [new DefinitionLoad(path, null, [new(SourceSpan.None(path), "no such file or folder")])];
        return Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Scenarios.ScenarioFile.IsScenarioFile(f))
            .Order(StringComparer.Ordinal)
            .Select(f => LoadFile(f, Relative(f)))
            .ToList();
    }

    /// <summary>File names in problems are relative to the current directory, as a terminal expects.</summary>
    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
