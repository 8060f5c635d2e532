using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Engine;

/// <summary>
/// The SCIA's 60-day control term (L. 241/1990 art. 19 c.3) as Wolverine scheduled messages.
/// Filed on Monday 2 March 2026: day 60 is 1 May, a holiday, so the term ends on Saturday 2 May.
/// </summary>
public sealed class when_a_legal_term_runs : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_legal_term_runs));
        // No SUAP fees in this entity: the parallel payment branch ends at once, only the term is left.
        _host.Activities.AnswerWith(Activities.ProcediMarcheLookup, _ => new JsonObject { ["fees"] = new JsonObject { ["istruttoria"] = 0 } });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SciaUnderControl()
    {
        var caseId = await _host.FileAsync();
        await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        (await _host.CompleteAsync(caseId, "formal-check", "complete")).Status.ShouldBe(CommandStatus.Accepted);
        await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "control-review"), "the control review");
        return caseId;
    }

    [Fact]
    public async Task with_no_measure_in_sixty_days_the_scia_is_consolidated_and_archived_when_the_six_months_of_self_redress_end()
    {
        var caseId = await SciaUnderControl();

        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(62));

        var consolidated = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "self-redress-review"), "the review of the art. 21-nonies window");
        consolidated.OfType<DeadlineExpired>().Single().ShouldBe(new DeadlineExpired("control", "none", 2)); // the timer of generation 1 fired
        consolidated.OfType<StepAbandoned>().Single().Step.ShouldBe("control-review");
        consolidated.OfType<StepEntered>().Select(s => s.Step).ShouldContain("consolidated");
        consolidated.OfType<DeadlineStarted>().ShouldContain(d => d.Clock == "self-redress" && d.Term == "6mo");

        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(186));

        var events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case closed");
        events.OfType<DeadlineExpired>().Last().ShouldBe(new DeadlineExpired("self-redress", "none", 2)); // started as generation 1, its timer fired
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
    }

    [Fact]
    public async Task a_timer_of_an_interrupted_term_fires_and_does_nothing()
    {
        var caseId = await SciaUnderControl();
        (await _host.CompleteAsync(caseId, "control-review", "order-compliance",
            new JsonObject { ["notes"] = "insegna non conforme", ["measures"] = "rimuovere l'insegna a bandiera" })).Status.ShouldBe(CommandStatus.Accepted);
        // The order goes by PEC; its receipt is filed and the applicant's 30 days run from it (art. 19 c.3; art. 21-bis).
        await _host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-compliance-receipt"), "the wait for the order's receipt");
        (await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, (await _host.EventsOf(caseId)).Count,
            new ReceiveEvent("delivery-receipt", new JsonObject { ["delivered"] = true, ["receivedAt"] = _host.Clock.GetUtcNow().ToString("o") }), Actor.System)))
            .Status.ShouldBe(CommandStatus.Accepted);
        await _host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-compliance"), "the wait for the measures");

        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(25));
        var version = (await _host.EventsOf(caseId)).Count;
        (await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version,
            new ReceiveEvent("documents-received", new JsonObject { ["protocol"] = "0000077" }), Actor.System))).Status.ShouldBe(CommandStatus.Accepted);
        var settled = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "recheck"), "the recheck assigned");
        settled.OfType<DeadlineResumed>().Single().Generation.ShouldBe(3);

        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(37)); // day 62: the first term's timer and the wait's timeout fire
        await Eventually.HoldsAsync(_host.Timers.ScheduledCountAsync, n => n == 1, "only the restarted term's timer left");
        (await _host.EventsOf(caseId)).Count.ShouldBe(settled.Count); // both were stale: nothing appended

        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(25)); // past 26 May, 60 days after the measures

        // The restarted term ran out: the SCIA is consolidated and the art. 21-nonies window opens.
        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "self-redress-review"), "the art. 21-nonies review");
        events.OfType<DeadlineExpired>().Single(d => d.Clock == "control").Generation.ShouldBe(4); // the timer of generation 3 fired
        events.OfType<StepEntered>().Select(s => s.Step).ShouldContain("consolidated");
    }
}
