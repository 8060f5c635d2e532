using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Diagrams;

namespace Sys2.Workflows.Tests.Definitions;

/// <summary>The heatmap on a definition's diagram: the same Mermaid text, each loaded step in a class by its share of the busiest one.</summary>
public sealed class when_a_diagram_shows_the_load_of_its_steps
{
    private static WorkflowDefinition Scia() => TestDefinitions.Shipped("suap/scia.yaml");

    [Fact]
    public void the_busiest_step_is_the_hottest_and_an_empty_one_is_not_coloured()
    {
        var scia = Scia();
        var plain = MermaidDiagram.Render(scia);

        var heat = MermaidDiagram.RenderWithLoad(scia, new Dictionary<string, int> { ["formal-check"] = 9, ["control-review"] = 2, ["receipt"] = 0 });

        heat.ShouldStartWith(plain);
        var added = heat[plain.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        added.ShouldContain("class s_formal_check heat3");
        added.ShouldContain("class s_control_review heat1");
        added.ShouldNotContain(l => l.Contains("s_receipt"));
        MermaidDiagram.RenderWithLoad(scia, new Dictionary<string, int>()).ShouldBe(plain);
    }
}
