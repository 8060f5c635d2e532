using System.CommandLine;
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

    public static Command Create()
    {
        var paths = new Argument<string[]>("file-or-folder")
        {
            Description = "Definition files, or folders: every *.yaml and *.yml in them",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(Verb, "Checks definitions: every problem as file:line:column: message; exit 0 only when there are none.") { paths };
        command.SetAction(parsed =>
        {
            HostCommandLine.UseCallersDirectory();
            return Run(parsed.GetRequiredValue(paths), parsed.InvocationConfiguration.Output);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, TextWriter output)
    {
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
