using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// The ledger of a term says why it ends on the day it ends: the start, the days counted, each suspension
// with its ground and article, the days that stood still, the holiday shift (art. 2963 c.3 c.c.). Its
// figures are the decider's: these are the dates when_a_suspended_term_was_due_on_a_holiday works by hand.
public class when_a_term_explains_itself
{
    private static readonly TimeSpan Rome = TimeSpan.FromHours(1), RomeSummer = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Filed = new(2026, 3, 6, 9, 0, 0, Rome);
    private static readonly DateTimeOffset Suspended = new(2026, 3, 13, 10, 0, 0, Rome);
    private static readonly DateTimeOffset Resumed = new(2026, 3, 23, 9, 0, 0, Rome);

    private static CaseScenario SuspendedAndResumed()
    {
        var scenario = Procedure.AtReview(Filed);
        scenario.At(Suspended).When(new CompleteTask("review", "request-integration", new(), CaseScenario.SuapClerk));
        scenario.At(Resumed).When(new ReceiveEvent("documents-received", new()));
        return scenario;
    }

    [Fact]
    public void the_start_names_its_days_its_article_and_the_holiday_that_moved_its_end()
    {
        var started = ClockLedger.Explain("decision", Procedure.AtReview(Filed).Timed).Entries.ShouldHaveSingleItem();

        started.ShouldBe(new ClockLedgerEntry(ClockLedgerKind.Started, Filed, "L. 241/1990 art. 2 c.2", Days: 30,
            LastDay: new DateOnly(2026, 4, 5), DueAt: new DateTimeOffset(2026, 4, 7, 23, 59, 59, RomeSummer), ShiftedFrom: new DateOnly(2026, 4, 5)));
    }

    [Fact]
    public void a_suspension_shows_its_ground_its_article_the_days_left_and_how_long_the_term_stood_still()
    {
        var ledger = ClockLedger.Explain("decision", SuspendedAndResumed().Timed);

        ledger.Entries.Select(e => e.Kind).ShouldBe([ClockLedgerKind.Started, ClockLedgerKind.Suspended, ClockLedgerKind.Resumed]);
        var suspension = ledger.Suspensions.ShouldHaveSingleItem();
        (suspension.At, suspension.Reason, suspension.Basis, suspension.DaysLeft, suspension.LastDay, suspension.ResumeBy)
            .ShouldBe((Suspended, "integration", "L. 241/1990 art. 2 c.7", 23, new DateOnly(2026, 4, 5),
                // Art. 2 c.7: at most thirty days, the 30th ending at the end of its day (13 March + 30 = 12 April).
                new DateTimeOffset(2026, 4, 12, 23, 59, 59, RomeSummer)));
        var resumption = ledger.Entries[2];
        (resumption.At, resumption.Days, resumption.PausedDays, resumption.DueAt, resumption.ShiftedFrom)
            .ShouldBe((Resumed, 23, 10, new DateTimeOffset(2026, 4, 15, 23, 59, 59, RomeSummer), (DateOnly?)null));
        (ledger.Term, ledger.Basis, ledger.Current!.Status).ShouldBe(("30d", "L. 241/1990 art. 2 c.2", ClockStatus.Running));
    }

    [Fact]
    public void an_interruption_is_on_the_ledger_and_the_term_restarts_in_full()
    {
        var scenario = Procedure.AtReview(Filed);
        scenario.At(Suspended).When(new InterruptDeadline("decision", CaseScenario.SuapClerk));
        scenario.At(Resumed).When(new ResumeDeadline("decision", CaseScenario.SuapClerk));

        var ledger = ClockLedger.Explain("decision", scenario.Timed);

        ledger.Entries.Select(e => e.Kind).ShouldBe([ClockLedgerKind.Started, ClockLedgerKind.Interrupted, ClockLedgerKind.Resumed]);
        ledger.Entries[1].Basis.ShouldBe("DPR 380/2001 art. 20 c.5");
        (ledger.Entries[2].Days, ledger.Entries[2].LastDay).ShouldBe((30, new DateOnly(2026, 4, 22)));
    }

    [Fact]
    public void every_clock_of_the_case_is_explained_and_events_of_others_are_left_out()
    {
        var all = ClockLedger.ExplainAll(SuspendedAndResumed().Timed);

        all.Select(c => c.Clock).ShouldBe(["decision"]);
        ClockLedger.Explain("other", SuspendedAndResumed().Timed).Entries.ShouldBeEmpty();
    }
}
