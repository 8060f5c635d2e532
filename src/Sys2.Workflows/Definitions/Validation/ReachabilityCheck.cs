namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// Every step can be reached from <c>start</c>, and from every reachable step some path leads to
/// an <c>end</c>. A parallel step reaches its join; a running clock reaches its <c>onExpiry.next</c>.
/// Skipped when a step could not be loaded: its missing links would make both checks noisy.
/// </summary>
internal static class ReachabilityCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        if (graph.HasInvalidSteps || !graph.Exists(d.Start.Name)) return;

        foreach (var step in graph.StepsInOrder)
            if (!graph.Reachable.Contains(step.Name))
                problems.Add(new(step.Where, $"step '{step.Name}' cannot be reached from start '{d.Start.Name}'"));

        // Walk backwards from the ends. A step with a reference to a missing step is assumed to
        // reach an end: its missing reference is the problem already reported.
        var predecessors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var step in d.Steps.Values)
            foreach (var next in graph.SuccessorsWithExpiry(step))
                (predecessors.TryGetValue(next, out var list) ? list : predecessors[next] = []).Add(step.Name);
        var reachesEnd = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(d.Steps.Values.Where(s => s is EndStep || graph.HasDanglingReference(s)).Select(s => s.Name));
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!reachesEnd.Add(name)) continue;
            foreach (var previous in predecessors.GetValueOrDefault(name) ?? []) pending.Push(previous);
        }

        foreach (var step in graph.StepsInOrder)
            if (graph.Reachable.Contains(step.Name) && !reachesEnd.Contains(step.Name))
                problems.Add(new(step.Where, $"step '{step.Name}' has no path to an end step"));
    }
}
