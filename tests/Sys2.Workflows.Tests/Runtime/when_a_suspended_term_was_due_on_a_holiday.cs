using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// Art. 2963 c.c.: days are counted on the common calendar (c.1) and "se il termine scade in giorno
// festivo, è prorogato di diritto al giorno seguente non festivo" (c.3; art. 155 c.4 c.p.c.). Only
// the final expiry moves: the days left when a term is suspended run to its own last day, and
// only the new expiry after the resumption moves, if it falls on a holiday.
public class when_a_suspended_term_was_due_on_a_holiday
{
    private static readonly TimeSpan Rome = TimeSpan.FromHours(1), RomeSummer = TimeSpan.FromHours(2);

    // Opened Friday 6 March 2026: 30 days end on Sunday 5 April (Easter), Monday 6 is Easter
    // Monday, so the term is due on Tuesday 7 April.
    private static readonly DateTimeOffset Filed = new(2026, 3, 6, 9, 0, 0, Rome);

    private static CaseScenario SuspendedOnFriday13March()
    {
        var scenario = Procedure.AtReview(Filed);
        scenario.State.Clocks["decision"].DueAt.ShouldBe(new DateTimeOffset(2026, 4, 7, 23, 59, 59, RomeSummer));
        scenario.At(new DateTimeOffset(2026, 3, 13, 10, 0, 0, Rome));
        scenario.When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        return scenario;
    }

    [Fact]
    public void the_start_records_the_day_the_holidays_moved_its_expiry_from()
    {
        var started = Procedure.AtReview(Filed).History.OfType<DeadlineStarted>().Single();

        started.ShouldBe(new DeadlineStarted("decision", "30d", new DateTimeOffset(2026, 4, 7, 23, 59, 59, RomeSummer), 1,
            "L. 241/1990 art. 2 c.2", ShiftedFrom: new DateOnly(2026, 4, 5)));
    }

    [Fact]
    public void the_days_left_are_counted_to_its_own_last_day_not_to_the_moved_one()
    {
        var scenario = SuspendedOnFriday13March();
        scenario.At(new DateTimeOffset(2026, 3, 23, 9, 0, 0, Rome));

        var resumed = scenario.When(new ReceiveEvent("documents-received", new())).OfType<DeadlineResumed>().Single();

        // 14 March – 5 April: 23 days left. From Monday 23 March: Wednesday 15 April. Counted to
        // the moved Tuesday 7 April they would be 25, and the term would end on Friday 17 April.
        resumed.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 15, 23, 59, 59, RomeSummer));
        resumed.ShiftedFrom.ShouldBeNull();
    }

    [Fact]
    public void only_the_new_expiry_moves_when_it_falls_on_a_holiday()
    {
        var scenario = SuspendedOnFriday13March();
        scenario.At(new DateTimeOffset(2026, 4, 8, 9, 0, 0, RomeSummer));

        var resumed = scenario.When(new ReceiveEvent("documents-received", new())).OfType<DeadlineResumed>().Single();

        // 23 days from Wednesday 8 April: Friday 1 May, a holiday, so Saturday 2 May (a working
        // day for art. 2963). Counting 25 days would reach Sunday 3 May and end on Monday 4 May.
        resumed.ShouldBe(new DeadlineResumed("decision", new DateTimeOffset(2026, 5, 2, 23, 59, 59, RomeSummer), 3, "resumed",
            ShiftedFrom: new DateOnly(2026, 5, 1)));
        scenario.State.Clocks["decision"].ShiftedFrom.ShouldBe(new DateOnly(2026, 5, 1));
    }

    [Fact]
    public void a_suspension_that_reaches_its_limit_also_counts_to_the_own_last_day()
    {
        var scenario = SuspendedOnFriday13March();
        var suspended = scenario.State.Clocks["decision"];
        scenario.At(suspended.ResumeBy!.Value); // the end of Sunday 12 April, the 30th day (a cap: not moved past the Sunday)

        var resumed = scenario.When(new TimerFired(TimerKind.SuspensionLimit, "decision", suspended.Generation))
            .OfType<DeadlineResumed>().Single();

        // 23 days from 12 April: Tuesday 5 May.
        resumed.DueAt.ShouldBe(new DateTimeOffset(2026, 5, 5, 23, 59, 59, RomeSummer));
    }
}
