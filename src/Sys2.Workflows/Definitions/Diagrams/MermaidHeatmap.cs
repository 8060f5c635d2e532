using System.Text;
using Sys2.Workflows.Definitions.Validation;

namespace Sys2.Workflows.Definitions.Diagrams;

public static partial class MermaidDiagram
{
    /// <summary>The heat classes, coolest first: light enough that a step's black label keeps its contrast (WCAG 1.4.3).</summary>
    private static readonly string[] Heat =
    [
        "classDef heat1 fill:#fff4cc,stroke:#8a6d00,color:#1a1a1a",
        "classDef heat2 fill:#ffd699,stroke:#8a4b00,color:#1a1a1a",
        "classDef heat3 fill:#ffb3b3,stroke:#a30000,color:#1a1a1a,stroke-width:3px",
    ];

    /// <summary>
    /// The same diagram as <see cref="Render"/>, each step coloured by how many cases stand on it (a third of the
    /// busiest step's load or less, two thirds or less, more). A colour says nothing by itself to a screen reader or to
    /// someone who does not tell the colours apart, so the page shows the same figures in a table.
    /// </summary>
    public static string RenderWithLoad(WorkflowDefinition d, IReadOnlyDictionary<string, int> casesPerStep)
    {
        var text = new StringBuilder(Render(d));
        var ids = StepIds(d);
        var max = casesPerStep.Values.DefaultIfEmpty(0).Max();
        if (max == 0) return text.ToString();
        foreach (var line in Heat) text.Append("    ").Append(line).Append('\n');
        var levels = casesPerStep.Where(p => p.Value > 0 && ids.ContainsKey(p.Key))
            .GroupBy(p => (int)Math.Ceiling(3.0 * p.Value / max), p => ids[p.Key]);
        foreach (var level in levels.OrderBy(g => g.Key))
            text.Append("    class ").Append(string.Join(",", level.Order(StringComparer.Ordinal))).Append(" heat").Append(level.Key).Append('\n');
        return text.ToString();
    }

    /// <summary>Each step's node id, given as <see cref="Render"/> gives them: steps first, in the graph's order.</summary>
    private static Dictionary<string, string> StepIds(WorkflowDefinition d)
    {
        var ids = new Ids();
        return new StepGraph(d).StepsInOrder.ToDictionary(s => s.Name, s => ids.Of("s_", s.Name), StringComparer.Ordinal);
    }
}
