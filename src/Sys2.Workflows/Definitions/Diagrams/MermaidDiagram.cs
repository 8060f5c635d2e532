using System.Text;
using System.Text.RegularExpressions;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Definitions.Diagrams;

/// <summary>
/// A definition as a Mermaid <c>flowchart TD</c>: one node per step, shaped by kind, edges labelled
/// with outcomes, conditions, timeouts and failures, clock operations in the node labels and clock
/// expiries as dashed edges from a small clock node. The same definition always gives the same text.
/// </summary>
public static partial class MermaidDiagram
{
    public static string Render(WorkflowDefinition d)
    {
        var graph = new StepGraph(d);
        var ids = new Ids();
        var steps = graph.StepsInOrder.ToList();
        foreach (var step in steps) ids.Of("s_", step.Name);

        var nodes = new List<string>();
        var edges = new List<Edge>();
        // Inside a parallel branch, going to the join means finishing the branch: those edges end at a join bar.
        var joinOf = new Dictionary<string, (ParallelStep Parallel, string JoinId)>(StringComparer.Ordinal);
        foreach (var parallel in steps.OfType<ParallelStep>())
        {
            var joinId = ids.Of("j_", parallel.Name);
            foreach (var branch in parallel.Branches)
                foreach (var inside in graph.BranchSteps(parallel, branch.Name))
                    joinOf.TryAdd(inside, (parallel, joinId));
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        string Target(Step? from, StepRef to)
        {
            if (from is not null && joinOf.TryGetValue(from.Name, out var join) && to.Name == join.Parallel.Next.Name) return join.JoinId;
            if (!d.Steps.ContainsKey(to.Name)) missing.Add(to.Name);
            return d.Steps.ContainsKey(to.Name) ? ids.Of("s_", to.Name) : ids.Of("missing_", to.Name);
        }

        edges.Add(new("start__", Target(null, d.Start), null));
        foreach (var step in steps)
        {
            nodes.Add(Node(ids.Of("s_", step.Name), step));
            var from = ids.Of("s_", step.Name);
            switch (step)
            {
                case TaskStep task:
                    foreach (var (outcome, target) in task.Outcomes) edges.Add(new(from, Target(step, target), outcome));
                    break;
                case DecisionStep decision:
                    foreach (var branch in decision.Branches) edges.Add(new(from, Target(step, branch.Next), branch.When.Text));
                    edges.Add(new(from, Target(step, decision.Otherwise), "otherwise"));
                    break;
                case CallStep call:
                    edges.Add(new(from, Target(step, call.Next), null));
                    if (call.OnFailure is { } failure) edges.Add(new(from, Target(step, failure), "failed", EdgeStyle.Dotted));
                    break;
                case WaitStep wait:
                    edges.Add(new(from, Target(step, wait.Next), null));
                    if (wait.OnTimeout is { } timeout)
                        edges.Add(new(from, Target(step, timeout), wait.Timeout is { } t ? $"timeout {t}" : "timeout", EdgeStyle.Dotted));
                    break;
                case DeadlineStep deadline:
                    edges.Add(new(from, Target(step, deadline.Next), null));
                    break;
                case ParallelStep parallel:
                    nodes.Add($"{ids.Of("j_", parallel.Name)}[\\\"{Escape("join")}\"/]");
                    foreach (var branch in parallel.Branches) edges.Add(new(from, Target(step, branch), null));
                    edges.Add(new(ids.Of("j_", parallel.Name), Target(parallel, parallel.Next), null));
                    break;
            }
        }

        var clockNodes = new List<string>();
        foreach (var clock in d.Clocks.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!clock.OnExpiry.Targets().Any()) continue;
            var id = ids.Of("c_", clock.Name);
            clockNodes.Add($"{id}((\"{Escape("⏰ " + clock.Name)}\"))");
            var effect = clock.OnExpiry.Effect == ExpiryEffect.None ? "" : ": " + KebabCase.Of(clock.OnExpiry.Effect);
            var when = clock.OnExpiry.When is { } condition ? $" if {condition.Text}" : "";
            if (clock.OnExpiry.Next is { } next)
                edges.Add(new(id, Target(null, next), $"{clock.Name} expires {clock.Term}{effect}{when}", EdgeStyle.Dashed));
            if (clock.OnExpiry.Otherwise is { } otherwise)
                edges.Add(new(id, Target(null, otherwise), $"{clock.Name} expires {clock.Term}, otherwise", EdgeStyle.Dashed));
        }

        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        text.Append("    %% ").Append(OneLine(d.Id)).Append(": ").Append(OneLine(d.Title)).Append('\n');
        text.Append("    start__((\"start\"))\n");
        foreach (var node in nodes) text.Append("    ").Append(node).Append('\n');
        foreach (var name in missing) text.Append("    ").Append(ids.Of("missing_", name)).Append("[\"").Append(Escape("⚠ missing step: " + name)).Append("\"]\n");
        foreach (var node in clockNodes) text.Append("    ").Append(node).Append('\n');
        foreach (var edge in edges)
        {
            var arrow = edge.Style == EdgeStyle.Normal ? "-->" : "-.->";
            text.Append("    ").Append(edge.From).Append(' ').Append(arrow);
            if (edge.Label is { } label) text.Append("|\"").Append(Escape(label)).Append("\"|");
            text.Append(' ').Append(edge.To).Append('\n');
        }

        text.Append("    classDef endStep fill:#e8f5e9,stroke:#2e7d32\n");
        text.Append("    classDef clock fill:#fff8e1,stroke:#f9a825\n");
        text.Append("    classDef missing fill:#ffebee,stroke:#c62828\n");
        var ends = steps.OfType<EndStep>().Select(s => ids.Of("s_", s.Name)).ToList();
        if (ends.Count > 0) text.Append("    class ").Append(string.Join(",", ends)).Append(" endStep\n");
        var clockIds = d.Clocks.Values.Where(c => c.OnExpiry.Targets().Any()).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => ids.Of("c_", c.Name)).ToList();
        if (clockIds.Count > 0) text.Append("    class ").Append(string.Join(",", clockIds)).Append(" clock\n");
        if (missing.Count > 0) text.Append("    class ").Append(string.Join(",", missing.Select(m => ids.Of("missing_", m)))).Append(" missing\n");
        for (var i = 0; i < edges.Count; i++)
            if (edges[i].Style == EdgeStyle.Dashed) text.Append("    linkStyle ").Append(i).Append(" stroke-dasharray:8 4\n");
        return text.ToString();
    }

    private enum EdgeStyle { Normal, Dotted, Dashed }

    private sealed record Edge(string From, string To, string? Label, EdgeStyle Style = EdgeStyle.Normal);

    private static string Node(string id, Step step)
    {
        var lines = new List<string> { step.Label };
        switch (step)
        {
            case TaskStep task: lines.Add($"{task.Role} · {task.Office}"); break;
            case CallStep call: lines.Add(call.Activity); break;
            case WaitStep wait: lines.Add("⏳ " + wait.Event); break;
            case ParallelStep: lines.Add("fork"); break;
            case EndStep end:
                var outcome = KebabCase.Of(end.Outcome);
                if (outcome != step.Label) lines.Add(outcome);
                break;
            case InvalidStep: lines.Add("⚠ invalid"); break;
        }
        lines.AddRange(step.Clocks.Select(Operation));
        var label = string.Join("<br/>", lines.Select(Escape));
        return step switch
        {
            TaskStep => $"{id}[\"{label}\"]",
            DecisionStep => $"{id}{{\"{label}\"}}",
            CallStep => $"{id}[[\"{label}\"]]",
            WaitStep => $"{id}([\"{label}\"])",
            DeadlineStep => $"{id}{{{{\"{label}\"}}}}",
            ParallelStep => $"{id}[/\"{label}\"\\]",
            EndStep => $"{id}(((\"{label}\")))",
            _ => $"{id}[\"{label}\"]",
        };
    }

    private static string Operation(ClockOperation op) => op.Kind switch
    {
        ClockOperationKind.Start => "▶ " + op.Clock,
        ClockOperationKind.Suspend => "⏸ " + op.Clock + (op.Reason == SuspensionReason.Preavviso ? " (preavviso)" : ""),
        ClockOperationKind.Resume => "⏵ " + op.Clock,
        ClockOperationKind.Interrupt => "⟲ " + op.Clock,
        ClockOperationKind.Extend => "⏩ " + op.Clock,
        _ => "■ " + op.Clock,
    };

    /// <summary>
    /// Text inside a quoted Mermaid label: quotes, angle brackets, <c>#</c>, <c>&amp;</c>, pipes and
    /// backticks become entity codes (Mermaid's <c>#code;</c> form); line breaks become spaces.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in OneLine(text))
        {
            escaped.Append(c switch
            {
                '#' => "#35;",
                '"' => "#quot;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '|' => "#124;",
                '`' => "#96;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static string OneLine(string text) => LineBreaks().Replace(text, " ");

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();

    /// <summary>Mermaid-safe node ids (letters, digits, underscores) that never collide, given in first-asked order.</summary>
    private sealed partial class Ids
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Of(string prefix, string name)
        {
            var key = prefix + "\0" + name;
            if (_ids.TryGetValue(key, out var id)) return id;
            var baseId = prefix + Unsafe().Replace(name, "_");
            id = baseId;
            for (var n = 2; !_used.Add(id); n++) id = $"{baseId}_{n}";
            return _ids[key] = id;
        }

        [GeneratedRegex("[^A-Za-z0-9_]")]
        private static partial Regex Unsafe();
    }
}
