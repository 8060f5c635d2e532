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

        Unreachable(graph, problems);

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

    /// <summary>
    /// One problem per unreachable region, at its first step: the steps after an unreachable step
    /// are unreachable because of it (a typo in one <c>next</c> would otherwise report the rest of the file).
    /// </summary>
    private static void Unreachable(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        var unreachable = graph.StepsInOrder.Where(s => !graph.Reachable.Contains(s.Name)).ToList();
        var names = unreachable.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var reach = unreachable.ToDictionary(s => s.Name, s => ReachWithin(graph, s, names), StringComparer.Ordinal);
        var reported = new List<string>();
        var meant = MeantByTypos(graph);
        foreach (var step in unreachable)
        {
            // `next: aproved` is reported with "did you mean 'approved'?": 'approved' is not orphaned.
            if (meant.Contains(step.Name)) continue;
            var own = reach[step.Name];
            // Reached from another unreachable step outside its own cycle: that step is the head.
            if (unreachable.Any(o => o.Name != step.Name && reach[o.Name].Contains(step.Name) && !own.Contains(o.Name))) continue;
            // In a cycle of unreachable steps, the first one in the file speaks for the others.
            if (reported.Any(r => own.Contains(r) && reach[r].Contains(step.Name))) continue;
            reported.Add(step.Name);
            var after = own.Count - 1;
            problems.Add(new(step.Where, $"step '{step.Name}' cannot be reached from start '{d.Start.Name}'"
                + (after > 0 ? $" (nor can the {(after == 1 ? "step" : $"{after} steps")} after it)" : "")));
        }
    }

    /// <summary>The steps that references to missing steps were probably meant to name.</summary>
    private static HashSet<string> MeantByTypos(StepGraph graph)
    {
        var d = graph.Definition;
        var references = d.Steps.Values.SelectMany(StepGraph.References).Select(r => r.Target)
            .Append(d.Start)
            .Concat(d.Clocks.Values.SelectMany(c => c.OnExpiry.Targets()));
        return references
            .Where(r => !graph.Exists(r.Name))
            .Select(r => Names.Closest(r.Name, d.Steps.Keys))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The step and the steps reachable from it, within <paramref name="within"/>.</summary>
    private static HashSet<string> ReachWithin(StepGraph graph, Step from, IReadOnlySet<string> within)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from.Name]);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!seen.Add(name)) continue;
            foreach (var next in graph.Successors(graph.Definition.Steps[name]))
                if (within.Contains(next)) pending.Push(next);
        }
        return seen;
    }
}
