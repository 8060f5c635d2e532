using Sys2.Workflows.Scenarios;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Scenarios;

// The designers' scenario files beside the shipped definitions run with every test run, so a
// change to a definition that breaks a legal rule fails CI with the file and line of the rule.
public class when_the_shipped_scenarios_run
{
    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.Workflows, "*.*", SearchOption.AllDirectories)
                     .Where(ScenarioFile.IsScenarioFile).Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(Repository.Workflows, file));
        return files;
    }

    [Fact]
    public void there_are_scenario_files() => Files().Count.ShouldBeGreaterThan(0);

    [Theory]
    [MemberData(nameof(Files))]
    public void every_expectation_holds(string file)
    {
        var result = ScenarioSuite.Run([Path.Combine(Repository.Workflows, file)]).ShouldHaveSingleItem();

        result.Failures.ShouldBeEmpty(string.Join("\n", result.Failures));
        result.Scenarios.ShouldBeGreaterThan(0);
    }
}
