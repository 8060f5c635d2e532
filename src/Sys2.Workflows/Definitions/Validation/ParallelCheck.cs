namespace Sys2.Workflows.Definitions.Validation;

/// <summary>
/// Parallel branches run on their own and finish by moving to the join (the parallel step's
/// <c>next</c>): each branch reaches the join, contains no <c>end</c> and no nested
/// <c>parallel</c>, and shares no step with another branch of the same parallel step.
/// </summary>
internal static class ParallelCheck
{
    public static void Run(StepGraph graph, List<DefinitionProblem> problems)
    {
        foreach (var parallel in graph.StepsInOrder.OfType<ParallelStep>())
        {
            var join = parallel.Next.Name;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var branches = new List<(StepRef Branch, IReadOnlySet<string> Steps)>();
            foreach (var branch in parallel.Branches)
            {
                if (!seen.Add(branch.Name))
                {
                    problems.Add(new(branch.Where, $"parallel '{parallel.Name}' lists branch '{branch.Name}' twice"));
                    continue;
                }
                if (branch.Name == join)
                {
                    problems.Add(new(branch.Where, $"parallel '{parallel.Name}' lists its join '{join}' as a branch"));
                    continue;
                }
                if (!graph.Exists(branch.Name)) continue; // reported as a missing step
                var steps = graph.BranchSteps(parallel, branch.Name);
                branches.Add((branch, steps));
                CheckInside(graph, parallel, branch, steps, problems);
            }
            CheckDisjoint(graph, parallel, branches, problems);
        }
    }

    private static void CheckInside(StepGraph graph, ParallelStep parallel, StepRef branch, IReadOnlySet<string> steps, List<DefinitionProblem> problems)
    {
        var join = parallel.Next.Name;
        var where = $"branch '{branch.Name}' of parallel '{parallel.Name}'";
        var first = graph.Definition.Steps[branch.Name];
        if (first is EndStep or ParallelStep)
        {
            problems.Add(new(branch.Where, $"{where} starts with {Describe(first)}: {Rule(join)}"));
            return;
        }

        var reachesJoin = false;
        foreach (var step in graph.StepsInOrder.Where(s => steps.Contains(s.Name) && s is not (EndStep or ParallelStep)))
        {
            foreach (var reference in StepGraph.References(step))
            {
                if (reference.Target.Name == join) { reachesJoin = true; continue; }
                if (graph.Definition.Steps.GetValueOrDefault(reference.Target.Name) is { } target and (EndStep or ParallelStep))
                    problems.Add(new(reference.Target.Where,
                        $"step '{step.Name}' goes to {Describe(target)} ({reference.Field}) inside {where}: {Rule(join)}"));
            }
        }
        // A branch through a step the loader could not read, or through a reference to a missing
        // step (both already reported), may well be meant to reach the join.
        if (!reachesJoin && graph.Exists(join)
            && !steps.Any(s => graph.Definition.Steps[s] is InvalidStep || graph.HasDanglingReference(graph.Definition.Steps[s])))
            problems.Add(new(branch.Where, $"{where} never reaches the join '{join}': its last step must go to '{join}'"));
    }

    private static void CheckDisjoint(StepGraph graph, ParallelStep parallel, List<(StepRef Branch, IReadOnlySet<string> Steps)> branches, List<DefinitionProblem> problems)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (branch, steps) in branches)
        {
            foreach (var step in graph.StepsInOrder.Where(s => steps.Contains(s.Name)))
            {
                if (!owner.TryAdd(step.Name, branch.Name) && reported.Add(step.Name))
                    problems.Add(new(step.Where,
                        $"step '{step.Name}' is in both branch '{owner[step.Name]}' and branch '{branch.Name}' of parallel '{parallel.Name}': branches must not share steps"));
            }
        }
    }

    private static string Describe(Step step) => step is EndStep ? $"end '{step.Name}'" : $"parallel '{step.Name}'";

    private static string Rule(string join) =>
        $"a branch cannot end the case or start another parallel; it finishes by going to the join '{join}'";
}
