using System.CommandLine;
using Sys2.Workflows.Scenarios;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>test &lt;file-or-folder&gt;...</c>: runs every scenario file (<c>*.scenarios.yaml</c>) against the
/// definition it names, with the pure decider on the legal calendar (no database, no host), prints
/// each failing expectation as <c>file:line: expected …, was …</c>, then a summary; exit code 0
/// only when every scenario passed.
/// </summary>
public static class TestCommand
{
    public const string Verb = "test";

    public static Command Create()
    {
        var paths = new Argument<string[]>("file-or-folder")
        {
            Description = "Scenario files (*.scenarios.yaml), or folders: every scenario file in them, with the definitions beside them",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(Verb, "Runs the designers' scenario tests: each failing expectation as file:line: expected …, was …; exit 0 only when all pass.") { paths };
        command.SetAction(parsed =>
        {
            HostCommandLine.UseCallersDirectory();
            return Run(parsed.GetRequiredValue(paths), parsed.InvocationConfiguration.Output);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, TextWriter output)
    {
        var results = ScenarioSuite.Run(paths);
        foreach (var failure in results.SelectMany(r => r.Failures)) output.WriteLine(failure);
        output.WriteLine(Summary(results));
        return results.Count > 0 && results.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary><c>12 scenarios in 4 files, all passed</c>, or <c>2 of 12 scenarios failed (3 failures); 1 file not run</c>.</summary>
    public static string Summary(IReadOnlyList<ScenarioFileResult> results)
    {
        if (results.Count == 0) return "no scenario files (*.scenarios.yaml)";
        var ran = results.Where(r => r.Run).ToList();
        var scenarios = ran.Sum(r => r.Scenarios);
        var failures = results.Sum(r => r.Failures.Count);
        if (failures == 0) return $"{Count(scenarios, "scenario")} in {Count(results.Count, "file")}, all passed";
        var notRun = results.Count - ran.Count;
        return $"{ran.Sum(r => r.Failed)} of {Count(scenarios, "scenario")} failed ({Count(failures, "failure")})"
            + (notRun > 0 ? $"; {Count(notRun, "file")} not run (problems above)" : "");
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
