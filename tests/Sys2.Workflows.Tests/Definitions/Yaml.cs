using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Tests.Definitions;

/// <summary>Loads and validates definitions written inline in the tests.</summary>
internal static class Yaml
{
    public const string File = "test.yaml";

    public static DefinitionLoad Load(string yaml, string file = File) => DefinitionLoader.LoadText(file, yaml);

    /// <summary>Every problem, as printed: <c>file:line:column: message</c>.</summary>
    public static List<string> Problems(string yaml, string file = File) =>
        DefinitionValidator.Validate([Load(yaml, file)]).Select(p => p.ToString()).ToList();

    /// <summary>A definition that must load without problems (semantic ones are the test's business).</summary>
    public static WorkflowDefinition Definition(string yaml, string file = File)
    {
        var load = Load(yaml, file);
        load.Problems.ShouldBeEmpty(string.Join("\n", load.Problems));
        return load.Definition.ShouldNotBeNull();
    }

    /// <summary>The definition the loader built, whatever it reported (the schema repeats some semantic checks).</summary>
    public static WorkflowDefinition Model(string yaml, string file = File) => Load(yaml, file).Definition.ShouldNotBeNull();

    /// <summary>The semantic problems only, of a definition the loader could build.</summary>
    public static List<string> Semantic(string yaml, string file = File) =>
        DefinitionValidator.Validate(Model(yaml, file)).Select(p => p.ToString()).ToList();

    /// <summary>The semantic problems of a definition that loads cleanly.</summary>
    public static List<string> SemanticProblems(string yaml, string file = File) =>
        DefinitionValidator.Validate(Definition(yaml, file)).Select(p => p.ToString()).ToList();
}
