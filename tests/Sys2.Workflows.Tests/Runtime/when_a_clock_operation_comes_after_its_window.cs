using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// Art. 20 c.5 DPR 380/2001: the term "può essere interrotto una sola volta ... entro trenta giorni
// dalla presentazione della domanda"; DPR 160/2010 art. 7 c.1: integrations "entro trenta giorni
// dal ricevimento della domanda". A later interruption or suspension has no legal effect.
public class when_a_clock_operation_comes_after_its_window
{
    private static readonly TimeSpan Rome = TimeSpan.FromHours(1), RomeSummer = TimeSpan.FromHours(2);

    private static readonly WorkflowDefinition Windowed = TestDefinitions.FromYaml(Procedure.Yaml
        .Replace("suspension: { times: 1, max: 30d, basis: L. 241/1990 art. 2 c.7 }",
            "suspension: { times: 1, max: 30d, within: 30d, basis: DPR 160/2010 art. 7 c.1 }")
        .Replace("interruption: { times: 1, basis: DPR 380/2001 art. 20 c.5 }",
            "interruption: { times: 1, within: 30d, basis: DPR 380/2001 art. 20 c.5 }"), "test/windowed.yaml");

    // Opened Monday 2 March 2026 at 9: the 30 days of the window end on Wednesday 1 April.
    private static CaseScenario AtReview()
    {
        var scenario = new CaseScenario(Windowed).Open(Procedure.Applicant);
        scenario.When(new IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042" })));
        scenario.AnswerCalls(_ => new { categoria = "A/2" });
        return scenario;
    }

    [Fact]
    public void the_windows_are_read_from_the_definition()
    {
        var clock = Windowed.Clocks["decision"];

        clock.Interruption!.Within.ShouldBe(Duration.Days(30));
        clock.Suspension!.Within.ShouldBe(Duration.Days(30));
    }

    [Fact]
    public void an_interruption_on_the_last_day_of_the_window_restarts_the_term()
    {
        var scenario = AtReview().At(new DateTimeOffset(2026, 4, 1, 18, 0, 0, RomeSummer));

        scenario.When(new CompleteTask("review", "request-documents", new(), CaseScenario.SuapClerk))
            .OfType<DeadlineInterrupted>().Single().ShouldBe(new DeadlineInterrupted("decision", 2, "DPR 380/2001 art. 20 c.5"));
    }

    [Fact]
    public void a_late_interruption_is_refused_with_the_rule_named_and_the_term_runs_on()
    {
        var scenario = AtReview().At(new DateTimeOffset(2026, 4, 2, 9, 0, 0, RomeSummer));
        var due = scenario.State.Clocks["decision"].DueAt;

        var events = scenario.When(new CompleteTask("review", "request-documents", new(), CaseScenario.SuapClerk));

        events.OfType<DeadlineOperationRefused>().Single().ShouldBe(new DeadlineOperationRefused("decision", "interrupt", "missing-documents",
            "clock 'decision' can be interrupted only within 30d of the application (by 2026-04-01); "
            + "DPR 380/2001 art. 20 c.5: a later interruption has no legal effect"));
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running);
        scenario.State.Clocks["decision"].DueAt.ShouldBe(due);
    }

    [Fact]
    public void a_late_interruption_by_command_is_refused_as_out_of_window()
    {
        var error = AtReview().At(new DateTimeOffset(2026, 4, 10, 9, 0, 0, RomeSummer))
            .Refused(new InterruptDeadline("decision", CaseScenario.SuapClerk));

        error.Code.ShouldBe("interruption-out-of-window");
        error.Message.ShouldContain("DPR 380/2001 art. 20 c.5");
    }

    [Fact]
    public void a_late_request_for_integrations_does_not_suspend_the_term()
    {
        var scenario = AtReview().At(new DateTimeOffset(2026, 4, 2, 9, 0, 0, RomeSummer));

        var events = scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));

        events.OfType<DeadlineOperationRefused>().Single().Why.ShouldBe(
            "clock 'decision' can be suspended only within 30d of the application (by 2026-04-01); "
            + "DPR 160/2010 art. 7 c.1: a later suspension has no legal effect");
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running);
        scenario.Refused(new SuspendDeadline("decision", SuspensionReason.Integration, CaseScenario.SuapClerk))
            .Code.ShouldBe("suspension-out-of-window");
    }

    [Fact]
    public void a_preavviso_di_rigetto_has_no_window()
    {
        var scenario = AtReview().At(new DateTimeOffset(2026, 3, 31, 9, 0, 0, RomeSummer));
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.At(new DateTimeOffset(2026, 4, 3, 9, 0, 0, RomeSummer));
        scenario.When(new ReceiveEvent("documents-received", new()));

        var events = scenario.When(new CompleteTask("review", "reject", new(), CaseScenario.SuapClerk));

        events.OfType<DeadlineSuspended>().Single().Reason.ShouldBe("preavviso");
    }

    [Fact]
    public void a_window_that_ends_on_a_holiday_moves_like_a_term()
    {
        // Opened Friday 6 March 2026: 30 days end on Easter Sunday, then Easter Monday: the window
        // is open until Tuesday 7 April (art. 2963 c.3 c.c.).
        var scenario = new CaseScenario(Windowed, new DateTimeOffset(2026, 3, 6, 9, 0, 0, Rome)).Open(Procedure.Applicant);
        scenario.When(new IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042" })));
        scenario.AnswerCalls(_ => new { categoria = "A/2" });
        scenario.At(new DateTimeOffset(2026, 4, 7, 18, 0, 0, RomeSummer));

        scenario.When(new CompleteTask("review", "request-documents", new(), CaseScenario.SuapClerk))
            .OfType<DeadlineInterrupted>().ShouldHaveSingleItem();
    }
}
