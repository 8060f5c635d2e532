using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// L. 241/1990 art. 2 c.2 and c.7, art. 10-bis, art. 20; DPR 380/2001 art. 20 c.5.
public class when_the_decision_term_runs
{
    private static readonly TimeSpan Rome = TimeSpan.FromHours(1), RomeSummer = TimeSpan.FromHours(2);

    [Fact]
    public void it_ends_at_the_end_of_the_thirtieth_calendar_day()
    {
        var clock = Procedure.AtReview().State.Clocks["decision"];

        // Opened Monday 2 March 2026: 30 days later is Wednesday 1 April (summer time by then).
        clock.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 1, 23, 59, 59, RomeSummer));
        clock.Generation.ShouldBe(1);
    }

    [Fact]
    public void a_request_for_integration_suspends_it_with_the_remaining_time()
    {
        var scenario = Procedure.AtReview().After(TimeSpan.FromDays(10));

        var events = scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));

        var now = new DateTimeOffset(2026, 3, 12, 9, 0, 0, Rome);
        events.ShouldBeEvents(
            new TaskCompleted("review", "main", "request-integration", "mario.rossi", "clerk", "SUAP", new()),
            new VariablesSet("review", CaseScenario.Json(new { notes = (string?)null })),
            new StepEntered("integration", "wait", "main", 1),
            new DeadlineSuspended("decision", "integration",
                // The 30 days of art. 2 c.7 end at the end of their last day, 11 April, not 30×24 hours later.
                new DateTimeOffset(2026, 4, 1, 23, 59, 59, RomeSummer) - now, new DateTimeOffset(2026, 4, 11, 23, 59, 59, RomeSummer), 2, "L. 241/1990 art. 2 c.7"),
            new WaitStarted("integration", "main", "documents-received", new DateTimeOffset(2026, 4, 11, 23, 59, 59, RomeSummer), 1));
    }

    [Fact]
    public void it_resumes_with_the_remaining_time_and_a_term_ending_on_easter_monday_moves_to_tuesday()
    {
        var scenario = Procedure.AtReview().After(TimeSpan.FromDays(10));
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.After(TimeSpan.FromDays(5));

        var events = scenario.When(new ReceiveEvent("documents-received", new()));

        // 20 days 14 hours were left; from 17 March they end on Easter Monday 6 April 2026, a holiday.
        events.ShouldBeEvents(
            new ExternalEventReceived("integration", "main", "documents-received", new()),
            new StepEntered("resume-decision", "deadline", "main", 1),
            new DeadlineResumed("decision", new DateTimeOffset(2026, 4, 7, 23, 59, 59, RomeSummer), 3, "resumed",
                ShiftedFrom: new DateOnly(2026, 4, 6)),
            new StepEntered("review", "task", "main", 2),
            new TaskAssigned("review", "main", "clerk", "SUAP", ["approve", "request-integration", "request-documents", "reject"], null));
    }

    [Theory]
    [InlineData(17, 9)]  // suspended late, resumed early: the remaining time alone would end it on 8 April at 15:59:59
    [InlineData(9, 17)]  // suspended early, resumed late: it would end on 9 April at 07:59:59
    public void a_resumed_term_still_ends_at_the_end_of_its_last_day(int suspendedAtHour, int resumedAtHour)
    {
        var scenario = Procedure.AtReview().At(new DateTimeOffset(2026, 3, 9, suspendedAtHour, 0, 0, Rome));
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.At(new DateTimeOffset(2026, 3, 16, resumedAtHour, 0, 0, Rome));

        var resumed = scenario.When(new ReceiveEvent("documents-received", new())).OfType<DeadlineResumed>().Single();

        // Due 1 April; suspended on 9 March with 23 days left (10 March – 1 April); resumed on
        // 16 March: 16 + 23 = Wednesday 8 April, to the end of the day.
        resumed.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 8, 23, 59, 59, RomeSummer));
    }

    [Fact]
    public void it_can_be_suspended_only_once()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.When(new ReceiveEvent("documents-received", new()));

        var events = scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));

        events.OfType<DeadlineOperationRefused>().Single().ShouldBe(new DeadlineOperationRefused("decision", "suspend", "integration",
            "clock 'decision' was already suspended 1 time(s); L. 241/1990 art. 2 c.7 allows 1"));
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running);
        scenario.Refused(new SuspendDeadline("decision", Sys2.Workflows.Definitions.SuspensionReason.Integration, CaseScenario.SuapClerk))
            .Code.ShouldBe("suspension-used");
    }

    [Fact]
    public void a_suspension_that_reaches_thirty_days_ends_by_itself()
    {
        var scenario = Procedure.AtReview();
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        var suspended = scenario.State.Clocks["decision"];
        scenario.At(suspended.ResumeBy!.Value);

        var events = scenario.When(new TimerFired(TimerKind.SuspensionLimit, "decision", suspended.Generation));

        events.ShouldBeEvents(new DeadlineResumed("decision",
            // The suspension ended at the end of its 30th day; the days left then run to the term's own last day.
            new DateTimeOffset(2026, 5, 2, 23, 59, 59, RomeSummer),
            suspended.Generation + 1, "the suspension (integration) reached its limit",
            ShiftedFrom: new DateOnly(2026, 5, 1))); // the term's own last day, Friday 1 May, is a holiday
        scenario.State.Tokens["main"].Step.ShouldBe("integration"); // still waiting for the documents
    }

    [Fact]
    public void a_timer_of_an_earlier_generation_does_nothing()
    {
        var scenario = Procedure.AtReview();
        var first = scenario.State.Clocks["decision"];
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.When(new ReceiveEvent("documents-received", new()));
        scenario.At(first.DueAt!.Value);

        scenario.When(new TimerFired(TimerKind.ClockExpiry, "decision", first.Generation)).ShouldBeEmpty();
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running);
    }

    [Fact]
    public void an_interruption_restarts_the_full_term_when_the_documents_arrive()
    {
        var scenario = Procedure.AtReview().After(TimeSpan.FromDays(20));
        scenario.When(new CompleteTask("review", "request-documents", new(), CaseScenario.SuapClerk))
            .OfType<DeadlineInterrupted>().Single().ShouldBe(new DeadlineInterrupted("decision", 2, "DPR 380/2001 art. 20 c.5"));
        scenario.State.Clocks["decision"].DueAt.ShouldBeNull();
        scenario.After(TimeSpan.FromDays(40)); // 2026-05-01 is a holiday: the documents arrive on Friday 1 May at 9

        var resumed = scenario.When(new ReceiveEvent("documents-received", new())).OfType<DeadlineResumed>().Single();

        resumed.ShouldBe(new DeadlineResumed("decision", new DateTimeOffset(2026, 6, 1, 23, 59, 59, RomeSummer), 3,
            "restarted in full after the interruption", ShiftedFrom: new DateOnly(2026, 5, 31)));
        scenario.Refused(new InterruptDeadline("decision", CaseScenario.SuapClerk)).Code.ShouldBe("interruption-used");
    }

    [Fact]
    public void a_preavviso_di_rigetto_suspends_for_ten_days_without_using_the_suspension()
    {
        var scenario = Procedure.AtReview();

        var suspended = scenario.When(new CompleteTask("review", "reject", new(), CaseScenario.SuapClerk))
            .OfType<DeadlineSuspended>().Single();

        suspended.Reason.ShouldBe("preavviso");
        // Until the receipt is known, as if received when sent: the 10 days from Monday 2 March end
        // at the end of Thursday 12 March (art. 10-bis; art. 2963 c.c.), not at 9:00.
        suspended.ResumeBy.ShouldBe(new DateTimeOffset(2026, 3, 12, 23, 59, 59, TimeSpan.FromHours(1)));
        suspended.Basis.ShouldBe("L. 241/1990 art. 10-bis");
        scenario.State.Clocks["decision"].Suspensions.ShouldBe(0);

        var events = scenario.WaitTimesOut("preavviso");

        EventText.Types(events).ShouldBe(["WaitTimedOut", "StepEntered", "DeadlineResumed", "TaskAssigned"]);
        scenario.OpenTasks().ShouldBe(["final-review"]);
    }

    [Fact]
    public void its_expiry_without_a_decision_is_silenzio_assenso()
    {
        var scenario = Procedure.AtReview();
        var clock = scenario.State.Clocks["decision"];

        var events = scenario.ClockExpires("decision");

        events.ShouldBeEvents(
            new DeadlineExpired("decision", "silenzio-assenso", clock.Generation + 1),
            new StepAbandoned("review", "main", "clock 'decision' expired"),
            new StepEntered("deemed-approved", "end", "main", 1),
            new CaseClosed("deemed-approved", "deemed-approved", null));
        scenario.Refused(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk)).Code.ShouldBe("case-closed");
    }

    [Fact]
    public void a_timer_for_a_closed_case_does_nothing()
    {
        var scenario = Procedure.AtReview();
        var clock = scenario.State.Clocks["decision"];
        scenario.When(new CompleteTask("review", "approve", new(), CaseScenario.SuapClerk));

        scenario.When(new TimerFired(TimerKind.ClockExpiry, "decision", clock.Generation)).ShouldBeEmpty();
    }

    [Fact]
    public void a_clerk_cannot_resume_a_running_clock()
    {
        Procedure.AtReview().Refused(new ResumeDeadline("decision", CaseScenario.SuapClerk)).Code.ShouldBe("clock-not-paused");
    }

    [Fact]
    public void an_unknown_clock_is_refused_by_name()
    {
        var error = Procedure.AtReview().Refused(new SuspendDeadline("decisione", Sys2.Workflows.Definitions.SuspensionReason.Integration, CaseScenario.SuapClerk));

        error.Code.ShouldBe("unknown-clock");
        error.Message.ShouldContain("'decisione'");
    }
}
