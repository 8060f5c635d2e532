using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

/// <summary>An operator's correction sets one declared variable, with its reason and the value it replaced; nothing else moves.</summary>
public class when_an_operator_corrects_a_variable
{
    private static readonly Actor Operator = new("luca.moretti", "operator", "");

    [Fact]
    public void the_correction_is_its_own_event_with_the_reason_and_the_replaced_value()
    {
        var scenario = Procedure.AtReview();
        var before = scenario.State;

        var events = scenario.When(new CorrectVariable("protocolNumber", JsonValue.Create("0000042"), " numero letto male dal registro ", Operator));

        var corrected = events.ShouldHaveSingleItem().ShouldBeOfType<VariableCorrected>();
        (corrected.Name, corrected.Value!.GetValue<string>(), corrected.Reason, corrected.CorrectedBy)
            .ShouldBe(("protocolNumber", "0000042", "numero letto male dal registro", "luca.moretti"));
        corrected.Previous?.ToJsonString().ShouldBe(before.Variables.GetValueOrDefault("protocolNumber")?.ToJsonString());
        scenario.State.Variables["protocolNumber"]!.GetValue<string>().ShouldBe("0000042");
        scenario.State.Tokens.ShouldBe(before.Tokens);
        CaseEvolution.Replay(scenario.History).Variables["protocolNumber"]!.GetValue<string>().ShouldBe("0000042");
    }

    [Fact]
    public void a_correction_without_a_reason_is_refused()
    {
        Procedure.AtReview().Refused(new CorrectVariable("protocolNumber", JsonValue.Create("1"), "  ", Operator)).Code.ShouldBe("reason-required");
    }

    [Fact]
    public void a_variable_the_definition_does_not_declare_is_refused_with_the_declared_ones()
    {
        var error = Procedure.AtReview().Refused(new CorrectVariable("protocollo", JsonValue.Create("1"), "refuso", Operator));
        error.Code.ShouldBe("unknown-variable");
        error.Message.ShouldContain("protocolNumber");
    }

    [Fact]
    public void a_value_of_the_wrong_type_is_refused()
    {
        Procedure.AtReview().Refused(new CorrectVariable("fee", JsonValue.Create("cinquanta"), "importo errato", Operator)).Code.ShouldBe("invalid-value");
    }
}
