using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// The semantic checks that come after loading: references between steps, catalogues, the shape
/// of the step graph, parallel branches, expressions and clocks. Every problem is reported (not
/// just the first), each where the offending value is written.
/// </summary>
public static class DefinitionValidator
{
    /// <summary>
    /// Every problem of a set of loaded files: each file's loading problems, then duplicate ids
    /// across files, then the semantic problems of each definition that could be built.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(IReadOnlyList<DefinitionLoad> loads)
    {
        var duplicates = DuplicateIdCheck.Run(loads);
        var problems = new List<DefinitionProblem>();
        foreach (var load in loads)
        {
            var own = load.Problems.ToList();
            if (duplicates.TryGetValue(load, out var duplicate)) own.Add(duplicate);
            // A semantic problem names the value (the schema only says "not in the enum"): where
            // both stand at the same line and column, keep the semantic one.
            problems.AddRange(load.Definition is { } d ? DefinitionLoader.Supersede(own, Validate(d)) : own);
        }
        return problems;
    }

    /// <summary>The semantic problems of one definition, in the order they stand in its file.</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinition d)
    {
        var graph = new StepGraph(d);
        var problems = new List<DefinitionProblem>();
        ReferenceCheck.Run(graph, problems);
        CatalogueCheck.Run(graph, problems);
        StepShapeCheck.Run(graph, problems);
        ReachabilityCheck.Run(graph, problems);
        ParallelCheck.Run(graph, problems);
        ExpressionCheck.Run(graph, problems);
        ClockCheck.Run(graph, problems);
        ClockStartCheck.Run(graph, problems);
        // Stable: problems at the same position keep the order of the checks.
        return problems.OrderBy(p => p.Where.Line).ThenBy(p => p.Where.Column).ToList();
    }
}
