using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// A term "dal ricevimento" runs from the legal date of receipt (the portal's or the PEC's receipt,
// SdI's delivery date in the RC), not from the moment the office's step runs: `from:` on a start.
public class when_a_clock_starts_from_a_date_of_receipt
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    private static readonly WorkflowDefinition Received = TestDefinitions.FromYaml("""
        id: test.received
        title: Termine dalla ricevuta
        kind: einvoice
        legalBasis: DM 55/2013
        inputs:
          receivedAt: { type: date }
        clocks:
          outcome:
            term: 15d
            basis: DM 55/2013 all. B
            days: plain
            onExpiry: { effect: decorrenza-termini, next: expired }
          reply:
            term: 12h
            basis: test
        start: protocol
        steps:
          protocol:
            call: protocol.register
            clocks:
              - start: outcome
                from: inputs.receivedAt
              - start: reply
                from: inputs.receivedAt
            next: review
          review:
            task: { role: clerk, office: Ragioneria }
            outcomes: { done: done }
          done:
            end: archived
          expired:
            end: archived
        """, "test/received.yaml");

    // The office registers the invoice on Thursday 5 March 2026, three days after SdI delivered it.
    private static readonly DateTimeOffset Registered = new(2026, 3, 5, 10, 0, 0, Winter);

    private static DeadlineStarted Started(object? receivedAt, string clock = "outcome")
    {
        var scenario = new CaseScenario(Received, Registered);
        scenario.Open(receivedAt is null ? new { } : new { receivedAt });
        return scenario.History.OfType<DeadlineStarted>().Single(e => e.Clock == clock);
    }

    [Fact]
    public void a_date_is_the_start_of_that_day_in_italy_and_the_days_count_from_it()
    {
        // Delivered Monday 2 March: day 1 is 3 March, day 15 is Tuesday 17 March (plain days).
        Started("2026-03-02").ShouldBe(new DeadlineStarted("outcome", "15d", new(2026, 3, 17, 23, 59, 59, Winter), 1, "DM 55/2013 all. B",
            From: new DateTimeOffset(2026, 3, 2, 0, 0, 0, Winter)));
    }

    [Fact]
    public void a_date_time_counts_from_its_date_in_italy()
    {
        // 23:30 UTC on 2 March is 00:30 on 3 March in Rome: day 15 is Wednesday 18 March.
        var started = Started("2026-03-02T23:30:00Z");

        started.From.ShouldBe(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero));
        started.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 18, 23, 59, 59, Winter));
    }

    [Fact]
    public void a_date_time_without_an_offset_is_italian_time()
    {
        Started("2026-03-02T23:30:00").From.ShouldBe(new DateTimeOffset(2026, 3, 2, 23, 30, 0, Winter));
    }

    [Fact]
    public void a_term_in_hours_runs_from_the_instant()
    {
        Started("2026-03-05T08:15:00+01:00", "reply").DueAt.ShouldBe(new DateTimeOffset(2026, 3, 5, 20, 15, 0, Winter));
    }

    [Fact]
    public void a_shifted_term_from_a_date_still_moves_past_a_holiday()
    {
        var shifted = TestDefinitions.FromYaml(ReceivedYamlShifted, "test/shifted.yaml");
        var scenario = new CaseScenario(shifted, new DateTimeOffset(2026, 3, 10, 9, 0, 0, Winter)).Open(new { receivedAt = "2026-03-07" });

        // Saturday 7 March + 15 days = Sunday 22 March: due Monday 23 March, its own last day kept.
        var started = scenario.History.OfType<DeadlineStarted>().Single(e => e.Clock == "outcome");
        started.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 23, 23, 59, 59, Winter));
        started.ShiftedFrom.ShouldBe(new DateOnly(2026, 3, 22));
    }

    [Fact]
    public void no_date_runs_the_term_from_the_step_and_says_so()
    {
        var started = Started(null);

        started.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 20, 23, 59, 59, Winter)); // 5 March + 15
        started.From.ShouldBeNull();
        started.FromFallback.ShouldBe("inputs.receivedAt is empty: the term runs from when the step ran");
    }

    [Fact]
    public void a_date_after_the_step_is_not_a_receipt_and_is_not_used()
    {
        var started = Started("2026-03-09");

        started.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 20, 23, 59, 59, Winter));
        started.FromFallback.ShouldBe("inputs.receivedAt is 2026-03-09, later than the step (2026-03-05T10:00:00.0000000+01:00): the term runs from when the step ran");
    }

    [Fact]
    public void something_that_is_not_a_date_is_not_used()
    {
        var scenario = new CaseScenario(Received, Registered);
        // The inputs are checked against their types when a case is opened through the API; the
        // decider still does not trust them.
        scenario.Open(new { receivedAt = "2 marzo" });

        scenario.History.OfType<DeadlineStarted>().First().FromFallback
            .ShouldBe("inputs.receivedAt is \"2 marzo\", not a date (yyyy-MM-dd) or an ISO 8601 date-time: the term runs from when the step ran");
    }

    [Fact]
    public void a_term_already_run_out_at_its_start_expires_when_its_timer_fires()
    {
        // Delivered 2 February, registered 5 March: the 15 days ended on 17 February.
        var scenario = new CaseScenario(Received, Registered).Open(new { receivedAt = "2026-02-02" });
        scenario.State.Clocks["outcome"].DueAt.ShouldBe(new DateTimeOffset(2026, 2, 17, 23, 59, 59, Winter));

        scenario.When(new TimerFired(TimerKind.ClockExpiry, "outcome", 1));

        scenario.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Expired);
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
    }

    private const string ReceivedYamlShifted = """
        id: test.shifted
        title: Termine dalla ricevuta, giorni che slittano
        kind: suap
        legalBasis: L. 241/1990 art. 2
        inputs:
          receivedAt: { type: date }
        clocks:
          outcome:
            term: 15d
            basis: L. 241/1990 art. 2
        start: review
        steps:
          review:
            clocks:
              - start: outcome
                from: inputs.receivedAt
            task: { role: clerk, office: SUAP }
            outcomes: { done: done }
          done:
            end: archived
        """;
}
