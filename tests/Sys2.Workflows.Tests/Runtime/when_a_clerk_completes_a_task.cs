using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

public class when_a_clerk_completes_a_task
{
    [Fact]
    public void approval_stops_the_clock_and_closes_the_case()
    {
        var scenario = Procedure.AtReview();
        var generation = scenario.State.Clocks["decision"].Generation;

        var events = scenario.When(new CompleteTask("review", "approve", CaseScenario.Json(new { notes = "conforme" }), CaseScenario.SuapClerk));

        events.ShouldBeEvents(
            new TaskCompleted("review", "main", "approve", "mario.rossi", "clerk", "SUAP", CaseScenario.Json(new { notes = "conforme" })),
            new VariablesSet("review", CaseScenario.Json(new { notes = "conforme" })),
            new StepEntered("approved", "end", "main", 1),
            new DeadlineStopped("decision", generation + 1),
            new CaseClosed("approved", "approved", null));
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void an_outcome_the_task_does_not_have_is_refused_with_the_valid_ones()
    {
        var error = Procedure.AtReview().Refused(new CompleteTask("review", "approved", new(), CaseScenario.SuapClerk));

        error.Code.ShouldBe("unknown-outcome");
        error.Message.ShouldContain("approve, request-integration, request-documents, reject");
    }

    [Fact]
    public void a_clerk_of_another_office_is_refused()
    {
        var error = Procedure.AtReview().Refused(new CompleteTask("review", "approve", new(), new Actor("anna.bianchi", "clerk", "SUE")));

        error.Code.ShouldBe("wrong-office");
        error.Message.ShouldContain("SUAP");
    }

    [Fact]
    public void a_user_in_another_role_is_refused()
    {
        Procedure.AtReview().Refused(new CompleteTask("review", "approve", new(), new Actor("aud", "auditor", "SUAP")))
            .Code.ShouldBe("wrong-role");
    }

    [Fact]
    public void a_step_without_an_open_task_is_refused()
    {
        Procedure.AtReview().Refused(new CompleteTask("final-review", "approve", new(), CaseScenario.SuapClerk))
            .Code.ShouldBe("no-open-task");
    }

    [Fact]
    public void a_form_field_the_task_does_not_have_is_refused()
    {
        Procedure.AtReview().Refused(new CompleteTask("review", "approve", CaseScenario.Json(new { esito = "ok" }), CaseScenario.SuapClerk))
            .Code.ShouldBe("unknown-field");
    }

    [Fact]
    public void a_closed_case_refuses_every_command()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk));

        scenario.Refused(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk)).Code.ShouldBe("case-closed");
        scenario.Refused(new WithdrawCase("ripensamento", CaseScenario.SuapClerk)).Code.ShouldBe("case-closed");
    }

    [Fact]
    public void a_withdrawal_closes_the_case_with_its_reason()
    {
        var scenario = Procedure.AtReview();

        scenario.When(new WithdrawCase("rinuncia del richiedente", CaseScenario.SuapClerk))
            .ShouldBeEvents(new CaseClosed("withdrawn", "review", "rinuncia del richiedente (mario.rossi)"));
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Stopped);
    }
}
