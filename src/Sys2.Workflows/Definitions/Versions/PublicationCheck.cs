using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;
using Sys2.Workflows.Scenarios;

namespace Sys2.Workflows.Definitions.Versions;

/// <summary>
/// Whether a definition's text may become the version new cases open on: it loads, the validator finds nothing,
/// and every scenario written for it passes. The same check for the editor as one types (without scenarios), for
/// saving a draft, and for publishing, where it is the rule and not a hint of the page.
/// </summary>
public sealed record PublicationCheck(WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems, ScenarioReport Scenarios)
{
    /// <summary>The file name problems of the definition text are reported under.</summary>
    public const string DefinitionFile = "definizione.yaml";

    /// <summary>The file name failures of the scenario text are reported under.</summary>
    public const string ScenarioFile = "scenari.yaml";

    public bool Valid => Definition is not null && Problems.Count == 0;

    public bool Publishable => Valid && Scenarios.Passed;

    /// <summary>Loads and validates <paramref name="yaml"/>; runs <paramref name="scenarios"/> on it only when it is valid.</summary>
    public static PublicationCheck Of(string yaml, string? scenarios = null)
    {
        var load = DefinitionLoader.LoadText(DefinitionFile, yaml);
        var problems = DefinitionValidator.Validate([load]);
        var definition = load.Definition;
        var report = definition is not null && problems.Count == 0 && scenarios is not null
            ? ScenarioReport.Run(definition, ScenarioFile, scenarios)
            : ScenarioReport.None;
        return new PublicationCheck(definition, problems, report);
    }

    /// <summary>Every reason the text may not be published, each with its file and line.</summary>
    public IReadOnlyList<string> Refusals() =>
        [.. Problems.Select(p => p.ToString()),
         .. Scenarios.Problems.Select(p => p.ToString()),
         .. Scenarios.Failures.Select(f => $"{f} (scenario \"{f.Scenario}\")")];
}
