using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Scenarios;

/// <summary>
/// What running one scenario file gave: how many scenarios it has, how many failed, and every
/// failure. <c>Run</c> is false when the file, or the definition it names, has problems: those are the failures.
/// </summary>
public sealed record ScenarioFileResult(string File, int Scenarios, int Failed, IReadOnlyList<string> Failures, bool Run = true)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Every <c>*.scenarios.yaml</c> under some paths, each run against the definition it names, found
/// among the definitions under the same paths (and beside the file). A definition with problems
/// is not run: its problems are the failures.
/// </summary>
public static class ScenarioSuite
{
    public static IReadOnlyList<ScenarioFileResult> Run(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var folders = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
                folders.Add(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories).Where(ScenarioFile.IsScenarioFile));
                folders.Add(path);
            }
            else return [new ScenarioFileResult(path, 0, 0, [$"{path}: no such file or folder"], Run: false)];
        }
        var definitions = folders.Distinct().SelectMany(DefinitionLoader.LoadPath)
            .GroupBy(l => Path.GetFullPath(l.File)).Select(g => g.First()).ToList();
        return files.Select(Path.GetFullPath).Distinct().Order(StringComparer.Ordinal)
            .Select(f => RunFile(f, Relative(f), definitions)).ToList();
    }

    public static ScenarioFileResult RunFile(string path, string displayName, IReadOnlyList<DefinitionLoad> definitions)
    {
        var load = ScenarioLoader.LoadFile(path, displayName);
        if (load.Content is not { } content)
            return new ScenarioFileResult(displayName, 0, 0, load.Problems.Select(p => p.ToString()).ToList(), Run: false);
        var named = definitions.Where(d => d.Definition?.Id == content.DefinitionId).ToList();
        if (named.Count == 0)
        {
            var known = definitions.Select(d => d.Definition?.Id).OfType<string>();
            return Broken(content, $"{content.DefinitionWhere}: no definition '{content.DefinitionId}'{Names.DidYouMean(content.DefinitionId, known)} beside this file");
        }
        var problems = DefinitionValidator.Validate(named);
        if (problems.Count > 0 || named[0].Definition is not { } definition)
            return Broken(content, $"{content.DefinitionWhere}: definition '{content.DefinitionId}' has problems; validate it first: {problems.FirstOrDefault()}");
        var failures = new List<string>();
        var failed = 0;
        foreach (var scenario in content.Scenarios)
        {
            var own = ScenarioRunner.Run(definition, content, scenario);
            if (own.Count > 0) failed++;
            failures.AddRange(own.Select(f => f.ToString()));
        }
        return new ScenarioFileResult(displayName, content.Scenarios.Count, failed, failures);
    }

    private static ScenarioFileResult Broken(ScenarioFile content, string failure) =>
        new(content.File, content.Scenarios.Count, 0, [failure], Run: false);

    /// <summary>File names relative to the current directory, as a terminal expects.</summary>
    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
