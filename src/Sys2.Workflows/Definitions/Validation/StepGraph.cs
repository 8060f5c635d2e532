namespace Sys2.Workflows.Definitions.Validation;

/// <summary>A reference from a step (or the header, or a clock) to a step, with the field that holds it.</summary>
internal sealed record StepReference(string Field, StepRef Target, StepLinkKind Kind = StepLinkKind.Normal);

/// <summary>
/// The step graph of a definition as the checks (and the diagram) see it. Parallel steps lead to
/// their branches and, once the branches have finished, to their join (<see cref="ParallelStep.Next"/>).
/// A running clock with <c>onExpiry.next</c> leads from every step where it may run to that step.
/// </summary>
internal sealed class StepGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _expiryTargets = new(StringComparer.Ordinal);

    public StepGraph(WorkflowDefinition definition)
    {
        Definition = definition;
        HasInvalidSteps = definition.Steps.Values.Any(s => s is InvalidStep);
        Reachable = ComputeReachable();
    }

    public WorkflowDefinition Definition { get; }

    /// <summary>The loader could not read some step: graph checks would only repeat that as noise.</summary>
    public bool HasInvalidSteps { get; }

    /// <summary>Steps reachable from <c>start</c>, through branches, joins and clock expiries.</summary>
    public IReadOnlySet<string> Reachable { get; }

    /// <summary>Steps in a stable order: as written in the file.</summary>
    public IEnumerable<Step> StepsInOrder =>
        Definition.Steps.Values.OrderBy(s => s.Where.Line).ThenBy(s => s.Where.Column).ThenBy(s => s.Name, StringComparer.Ordinal);

    public bool Exists(string name) => Definition.Steps.ContainsKey(name);

    /// <summary>Every step reference a step holds, named by the field it is written in.</summary>
    public static IEnumerable<StepReference> References(Step step)
    {
        switch (step)
        {
            case TaskStep task:
                foreach (var (outcome, target) in task.Outcomes) yield return new($"outcome '{outcome}'", target);
                break;
            case DecisionStep decision:
                foreach (var branch in decision.Branches) yield return new($"when `{branch.When.Text}`", branch.Next);
                yield return new("otherwise", decision.Otherwise);
                break;
            case CallStep call:
                yield return new("next", call.Next);
                if (call.OnFailure is not null) yield return new("onFailure", call.OnFailure, StepLinkKind.Failure);
                break;
            case WaitStep wait:
                yield return new("next", wait.Next);
                if (wait.OnTimeout is not null) yield return new("onTimeout", wait.OnTimeout, StepLinkKind.Timeout);
                break;
            case DeadlineStep deadline:
                yield return new("next", deadline.Next);
                break;
            case ParallelStep parallel:
                foreach (var branch in parallel.Branches) yield return new("parallel branch", branch, StepLinkKind.Branch);
                yield return new("next, the join", parallel.Next);
                break;
        }
    }

    /// <summary>Where a step leads, to existing steps only: its links and, for a parallel step, its join.</summary>
    public IEnumerable<string> Successors(Step step) =>
        References(step).Select(r => r.Target.Name).Where(Exists).Distinct(StringComparer.Ordinal);

    /// <summary>Successors, plus the <c>onExpiry.next</c> of the clocks that may be running in the step.</summary>
    public IEnumerable<string> SuccessorsWithExpiry(Step step) =>
        Successors(step).Concat(ExpiryTargets(step.Name)).Distinct(StringComparer.Ordinal);

    /// <summary>The steps a clock running in this step moves the case to when it expires.</summary>
    public IReadOnlyList<string> ExpiryTargets(string step) =>
        _expiryTargets.TryGetValue(step, out var targets) ? targets : [];

    /// <summary>True when any reference of the step names a step that does not exist (already reported).</summary>
    public bool HasDanglingReference(Step step) => References(step).Any(r => !Exists(r.Target.Name));

    /// <summary>
    /// The steps of one branch of a parallel step: those reachable from the branch's first step
    /// without entering the join. End and parallel steps are included but not walked through.
    /// </summary>
    public IReadOnlySet<string> BranchSteps(ParallelStep parallel, string branch)
    {
        var steps = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (branch != parallel.Next.Name && Exists(branch)) pending.Push(branch);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!steps.Add(name)) continue;
            var step = Definition.Steps[name];
            if (step is EndStep or ParallelStep) continue;
            foreach (var next in Successors(step))
                if (next != parallel.Next.Name) pending.Push(next);
        }
        return steps;
    }

    // A forward "may run" analysis over clocks: a clock started (and not stopped) on some path
    // may expire in a step; its onExpiry.next is then a way out of that step.
    private HashSet<string> ComputeReachable()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        if (!Exists(Definition.Start.Name)) return reached;
        var running = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var expiries = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var pending = new Queue<(string Step, IEnumerable<string> Clocks)>();
        pending.Enqueue((Definition.Start.Name, []));
        while (pending.Count > 0)
        {
            var (name, clocks) = pending.Dequeue();
            var fresh = reached.Add(name);
            if (!running.TryGetValue(name, out var entry)) running[name] = entry = new HashSet<string>(StringComparer.Ordinal);
            var grew = false;
            foreach (var clock in clocks) grew |= entry.Add(clock);
            if (!fresh && !grew) continue;

            var step = Definition.Steps[name];
            var exit = new HashSet<string>(entry, StringComparer.Ordinal);
            foreach (var op in step.Clocks)
            {
                if (op.Kind == ClockOperationKind.Start) exit.Add(op.Clock);
                else if (op.Kind == ClockOperationKind.Stop) exit.Remove(op.Clock);
            }
            foreach (var next in Successors(step)) pending.Enqueue((next, exit.ToList()));
            foreach (var clock in exit)
            {
                if (!Definition.Clocks.TryGetValue(clock, out var spec)) continue;
                foreach (var target in spec.OnExpiry.Targets().Where(t => Exists(t.Name)))
                {
                    if (!expiries.TryGetValue(name, out var targets)) expiries[name] = targets = new SortedSet<string>(StringComparer.Ordinal);
                    targets.Add(target.Name);
                    pending.Enqueue((target.Name, exit.Where(c => c != clock).ToList()));
                }
            }
        }
        foreach (var (step, targets) in expiries) _expiryTargets[step] = targets.ToList();
        return reached;
    }
}
