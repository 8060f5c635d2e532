using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>validate &lt;file-or-folder&gt;...</c>: loads every definition, prints every problem as
/// <c>file:line:column: message</c>, then a summary; exit code 0 only when there are none.
/// </summary>
public static class ValidateCommand
{
    public const string Verb = "validate";
    public const string Usage = "usage: validate <file-or-folder>...   (folders: every *.yaml and *.yml in them)";

    public static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        if (paths.Count == 0 || paths.Any(p => p is "-h" or "--help"))
        {
            error.WriteLine(Usage);
            return 2;
        }
        var loads = Load(paths);
        var problems = DefinitionValidator.Validate(loads);
        foreach (var problem in problems) output.WriteLine(problem);
        output.WriteLine(Summary(loads, problems));
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>Every file under the paths, each once; a folder with no definitions is a problem too.</summary>
    public static IReadOnlyList<DefinitionLoad> Load(IEnumerable<string> paths)
    {
        var loads = new List<DefinitionLoad>();
        foreach (var path in paths)
        {
            var found = DefinitionLoader.LoadPath(path);
            if (found.Count == 0)
                found = [new DefinitionLoad(path, null, [new DefinitionProblem(SourceSpan.None(path), "no definition files (*.yaml, *.yml) in this folder")])];
            loads.AddRange(found.Where(f => !loads.Any(l => l.File == f.File)));
        }
        return loads;
    }

    /// <summary><c>3 problems in 2 of 5 definitions</c>, or <c>5 definitions, no problems</c>.</summary>
    public static string Summary(IReadOnlyList<DefinitionLoad> loads, IReadOnlyList<DefinitionProblem> problems)
    {
        if (problems.Count == 0) return $"{Count(loads.Count, "definition")}, no problems";
        var files = problems.Select(p => p.Where.File).ToHashSet(StringComparer.Ordinal);
        var withProblems = loads.Count(l => files.Contains(l.File));
        return $"{Count(problems.Count, "problem")} in {withProblems} of {Count(loads.Count, "definition")}";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
