using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Scenarios;

/// <summary>
/// A designer's scenario text run on one definition (a draft not yet in any folder): how many scenarios it has,
/// how many failed, every failing expectation at its line, and the problems that kept the text from running.
/// </summary>
public sealed record ScenarioReport(int Scenarios, int Failed, IReadOnlyList<ScenarioFailure> Failures, IReadOnlyList<DefinitionProblem> Problems)
{
    public static ScenarioReport None { get; } = new(0, 0, [], []);

    public bool Passed => Failures.Count == 0 && Problems.Count == 0;

    /// <summary>
    /// Runs <paramref name="text"/> (a <c>*.scenarios.yaml</c>) on <paramref name="definition"/>. The text must name
    /// that definition: scenarios written for another procedure prove nothing about this one. Blank text: no scenarios.
    /// </summary>
    public static ScenarioReport Run(WorkflowDefinition definition, string file, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var load = ScenarioLoader.LoadText(file, text);
        if (load.Content is not { } content) return new ScenarioReport(0, 0, [], load.Problems);
        if (content.DefinitionId != definition.Id)
            return new ScenarioReport(content.Scenarios.Count, 0, [],
                [new DefinitionProblem(content.DefinitionWhere, $"the scenarios are written for definition '{content.DefinitionId}', not '{definition.Id}'")]);
        var failures = new List<ScenarioFailure>();
        var failed = 0;
        foreach (var scenario in content.Scenarios)
        {
            var own = ScenarioRunner.Run(definition, content, scenario);
            if (own.Count > 0) failed++;
            failures.AddRange(own);
        }
        return new ScenarioReport(content.Scenarios.Count, failed, failures, []);
    }
}
