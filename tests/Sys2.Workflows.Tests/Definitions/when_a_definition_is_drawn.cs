using Sys2.Workflows.Definitions.Diagrams;
using Sys2.Workflows.Tests.Runtime;

namespace Sys2.Workflows.Tests.Definitions;

public class when_a_definition_is_drawn
{
    /// <summary>The designer's editor draws the draft beside the text: a kind without its own shape would hide what a step does.</summary>
    [Fact]
    public void every_step_kind_has_its_own_node_shape()
    {
        var diagram = MermaidDiagram.Render(Procedure.Definition);

        // The test procedure has every kind of step.
        Procedure.Definition.Steps.Values.Select(s => s.Kind).Distinct().Order()
            .ShouldBe(["call", "deadline", "decision", "end", "parallel", "task", "wait"]);
        diagram.ShouldContain("s_review[\"");
        diagram.ShouldContain("s_fees{\"");
        diagram.ShouldContain("s_protocol[[\"");
        diagram.ShouldContain("s_await_payment([\"");
        diagram.ShouldContain("s_resume_decision{{\"");
        diagram.ShouldContain("s_checks[/\"");
        diagram.ShouldContain("s_approved(((\"");
        diagram.ShouldContain("j_checks[\\\"join\"/]");
    }
}
