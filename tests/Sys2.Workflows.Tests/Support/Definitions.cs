using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Workflows.Tests.Support;

/// <summary>Loads definitions for tests and fails loudly, with every problem, when one does not load.</summary>
public static class TestDefinitions
{
    public static WorkflowDefinition Shipped(string relativePath) =>
        Loaded(DefinitionLoader.LoadFile(Path.Combine(Repository.Workflows, relativePath), relativePath));

    public static WorkflowDefinition FromYaml(string yaml, string file = "test.yaml") =>
        Loaded(DefinitionLoader.LoadText(file, yaml));

    private static WorkflowDefinition Loaded(DefinitionLoad load)
    {
        if (load.Definition is null || load.Problems.Count > 0)
            throw new InvalidOperationException($"{load.File} does not load:\n{string.Join("\n", load.Problems)}");
        return load.Definition;
    }
}
