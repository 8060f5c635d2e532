using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

public class when_a_case_is_opened
{
    [Fact]
    public void it_pins_the_definition_and_requests_the_protocol_registration()
    {
        var scenario = new CaseScenario(Procedure.Definition);
        var inputs = CaseScenario.Json(Procedure.Applicant);

        var events = scenario.When(new OpenCase("SUAP-H769-2026-0000001", "H769", 3, inputs, CaseScenario.SuapClerk));

        events.ShouldBeEvents(
            new CaseOpened("SUAP-H769-2026-0000001", "H769", "test.ordinario", 3, Procedure.Definition.ContentHash, "suap",
                inputs, "mario.rossi", CaseScenario.Monday),
            new StepEntered("protocol", "call", "main", 1),
            new IntegrationRequested("protocol", "main", "protocol.register", 1, "SUAP-H769-2026-0000001/protocol/1",
                CaseScenario.Json(new { direction = "incoming", subject = "SUAP – Mario Rossi" }), CaseScenario.Monday));
    }

    [Fact]
    public void a_missing_required_input_is_refused_by_name()
    {
        var error = new CaseScenario(Procedure.Definition)
            .Refused(new OpenCase("SUAP-H769-2026-0000001", "H769", 1, CaseScenario.Json(new { }), CaseScenario.SuapClerk));

        error.Code.ShouldBe("missing-input");
        error.Message.ShouldContain("applicant");
    }

    [Fact]
    public void an_input_the_definition_does_not_declare_is_refused()
    {
        var error = new CaseScenario(Procedure.Definition).Refused(new OpenCase("SUAP-H769-2026-0000001", "H769", 1,
            CaseScenario.Json(new { applicant = new { name = "x" }, budget = 12 }), CaseScenario.SuapClerk));

        error.Code.ShouldBe("unknown-input");
        error.Message.ShouldContain("budget");
    }

    [Fact]
    public void opening_it_twice_is_refused()
    {
        var scenario = new CaseScenario(Procedure.Definition).Open(Procedure.Applicant);

        scenario.Refused(new OpenCase("SUAP-H769-2026-0000001", "H769", 1, CaseScenario.Json(Procedure.Applicant), CaseScenario.SuapClerk))
            .Code.ShouldBe("case-already-opened");
    }

    [Fact]
    public void the_state_replayed_from_its_events_equals_the_live_state()
    {
        var scenario = Procedure.AtReview();

        var replayed = CaseEvolution.Replay(scenario.History);

        replayed.Version.ShouldBe(scenario.History.Count);
        replayed.Tokens.Keys.ShouldBe(scenario.State.Tokens.Keys);
        replayed.Tokens["main"].ShouldBe(scenario.State.Tokens["main"]);
        replayed.Clocks["decision"].ShouldBe(scenario.State.Clocks["decision"]);
        replayed.Variables["protocolNumber"]!.GetValue<string>().ShouldBe("0000042");
    }
}
