namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// Every step name written in the definition (<c>start</c>, <c>next</c>, outcomes, decision
/// branches, <c>otherwise</c>, <c>onFailure</c>, <c>onTimeout</c>, parallel branches and
/// <c>onExpiry.next</c> and <c>otherwise</c>) names a step that exists.
/// </summary>
internal static class ReferenceCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        var names = d.Steps.Keys.ToList();
        if (!graph.Exists(d.Start.Name))
            problems.Add(new(d.Start.Where, $"start goes to '{d.Start.Name}', but there is no step '{d.Start.Name}'{Names.DidYouMean(d.Start.Name, names)}"));

        foreach (var step in graph.StepsInOrder)
            foreach (var reference in StepGraph.References(step))
                if (!graph.Exists(reference.Target.Name))
                    problems.Add(new(reference.Target.Where,
                        $"step '{step.Name}' goes to '{reference.Target.Name}' ({reference.Field}), but there is no step '{reference.Target.Name}'"
                        + Names.DidYouMean(reference.Target.Name, names)));

        foreach (var clock in d.Clocks.Values)
            foreach (var next in clock.OnExpiry.Targets().Where(t => !graph.Exists(t.Name)))
                problems.Add(new(next.Where,
                    $"clock '{clock.Name}' goes to '{next.Name}' when it expires (onExpiry.{(next == clock.OnExpiry.Next ? "next" : "otherwise")}), but there is no step '{next.Name}'"
                    + Names.DidYouMean(next.Name, names)));
    }
}
