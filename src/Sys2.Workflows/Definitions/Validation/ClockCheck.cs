namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// Clock operations name declared clocks, are allowed by the clock's rules (interruption needs an
/// <c>interruption:</c> rule, suspension for integration a <c>suspension:</c> rule), and suspend,
/// resume, interrupt or stop only clocks started on every path from <c>start</c> to the step.
/// </summary>
internal static class ClockCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        foreach (var step in graph.StepsInOrder)
        {
            foreach (var op in step.Clocks)
            {
                if (!d.Clocks.TryGetValue(op.Clock, out var clock))
                {
                    problems.Add(new(op.Where,
                        $"step '{step.Name}' {Verb(op.Kind)} clock '{op.Clock}', but there is no clock '{op.Clock}'"
                        + (Names.Closest(op.Clock, d.Clocks.Keys) is { } closest ? $" (did you mean '{closest}'?)" : $" (declared: {Names.List(d.Clocks.Keys)})")));
                    continue;
                }
                if (op.Kind == ClockOperationKind.Interrupt && clock.Interruption is null)
                    problems.Add(new(op.Where,
                        $"step '{step.Name}' interrupts clock '{op.Clock}', which has no interruption rule: add 'interruption:' to the clock with its legal basis"));
                if (op.Kind == ClockOperationKind.Extend && clock.Extension is null)
                    problems.Add(new(op.Where,
                        $"step '{step.Name}' extends clock '{op.Clock}', which has no extension rule: add 'extension: {{ term, basis }}' to the clock"));
                if (op.Following is { } following && (following == op.Clock || !d.Clocks.ContainsKey(following)))
                    problems.Add(new(op.FollowingWhere,
                        following == op.Clock
                            ? $"step '{step.Name}': clock '{op.Clock}' cannot run following itself"
                            : $"step '{step.Name}' runs clock '{op.Clock}' following '{following}', but there is no clock '{following}'"
                              + (Names.Closest(following, d.Clocks.Keys) is { } near ? $" (did you mean '{near}'?)" : $" (declared: {Names.List(d.Clocks.Keys)})")));
                if (op.Kind == ClockOperationKind.Suspend && op.Reason == SuspensionReason.Integration && clock.Suspension is null)
                    problems.Add(new(op.Where,
                        $"step '{step.Name}' suspends clock '{op.Clock}' for integration, which has no suspension rule: add 'suspension:' to the clock, or give reason: preavviso"));
            }
        }
        StartedBeforeUse(graph, problems);
    }

    private static string Verb(ClockOperationKind kind) => kind switch
    {
        ClockOperationKind.Start => "starts",
        ClockOperationKind.Suspend => "suspends",
        ClockOperationKind.Resume => "resumes",
        ClockOperationKind.Interrupt => "interrupts",
        ClockOperationKind.Extend => "extends",
        _ => "stops",
    };

    /// <summary>
    /// A must-analysis: the clocks started on every path from <c>start</c> to a step's entry are the
    /// intersection of what its predecessors have started by their exit. A parallel step hands its
    /// clocks to its branches; its join is entered from the branches' last steps.
    /// </summary>
    private static void StartedBeforeUse(StepGraph graph, List<DefinitionProblem> problems)
    {
        var d = graph.Definition;
        if (graph.HasInvalidSteps || !graph.Exists(d.Start.Name)) return;

        var reachable = graph.StepsInOrder.Where(s => graph.Reachable.Contains(s.Name)).ToList();
        var predecessors = reachable.ToDictionary(s => s.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var step in reachable)
        {
            var joinOnly = step is ParallelStep p ? p.Next.Name : null;
            foreach (var next in graph.Successors(step).Where(n => n != joinOnly).Concat(graph.ExpiryTargets(step.Name)))
                if (predecessors.TryGetValue(next, out var list)) list.Add(step.Name);
        }

        var all = d.Clocks.Keys.Concat(d.Steps.Values.SelectMany(s => s.Clocks).Select(o => o.Clock)).ToHashSet(StringComparer.Ordinal);
        var entry = reachable.ToDictionary(s => s.Name, s => s.Name == d.Start.Name ? [] : new HashSet<string>(all, StringComparer.Ordinal), StringComparer.Ordinal);
        HashSet<string> Exit(Step step)
        {
            var exit = new HashSet<string>(entry[step.Name], StringComparer.Ordinal);
            exit.UnionWith(step.Clocks.Where(o => o.Kind == ClockOperationKind.Start).Select(o => o.Clock));
            return exit;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var step in reachable)
            {
                if (step.Name == d.Start.Name) continue;
                var preds = predecessors[step.Name];
                if (preds.Count == 0) continue;
                var meet = Exit(d.Steps[preds[0]]);
                foreach (var pred in preds.Skip(1)) meet.IntersectWith(Exit(d.Steps[pred]));
                if (!meet.SetEquals(entry[step.Name])) { entry[step.Name] = meet; changed = true; }
            }
        }

        foreach (var step in reachable)
        {
            var started = new HashSet<string>(entry[step.Name], StringComparer.Ordinal);
            foreach (var op in step.Clocks)
            {
                if (op.Kind == ClockOperationKind.Start) { started.Add(op.Clock); continue; }
                if (!started.Contains(op.Clock) && d.Clocks.ContainsKey(op.Clock))
                    problems.Add(new(op.Where,
                        $"step '{step.Name}' {Verb(op.Kind)} clock '{op.Clock}', but not every path from start '{d.Start.Name}' to '{step.Name}' starts it"));
            }
        }
    }
}
