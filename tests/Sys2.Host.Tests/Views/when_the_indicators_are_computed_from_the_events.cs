using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Indicators;

namespace Sys2.Host.Tests.Views;

/// <summary>
/// The lead partner's query on real events in PostgreSQL, across two entities: a SCIA found not receivable stops its
/// 60-day control term on the day (within the term); a SCIA left alone lets the term run out and is consolidated by the
/// expiry (out of term); one filed afterwards is still open.
/// </summary>
public sealed class when_the_indicators_are_computed_from_the_events : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_the_indicators_are_computed_from_the_events));
        _host.Activities.AnswerWith(Activities.ProcediMarcheLookup, _ => new JsonObject { ["fees"] = new JsonObject { ["istruttoria"] = 0 } });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_figures_per_entity_come_from_the_cases_events()
    {
        var refused = await _host.FileAsync("H769");
        await _host.WhenAsync(refused, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        (await _host.CompleteAsync(refused, "formal-check", "incomplete", new JsonObject { ["notes"] = "manca la planimetria" })).Status
            .ShouldBe(Sys2.Host.Cases.CommandStatus.Accepted);
        await _host.WhenAsync(refused, e => e.OfType<CaseClosed>().Any(), "the refused SCIA closed");

        var leftAlone = await _host.FileAsync("D542");
        await _host.WhenAsync(leftAlone, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check", "D542");
        (await _host.CompleteAsync(leftAlone, "formal-check", "complete", tenant: "D542")).Status.ShouldBe(Sys2.Host.Cases.CommandStatus.Accepted);
        await _host.WhenAsync(leftAlone, e => e.OfType<TaskAssigned>().Any(t => t.Step == "control-review"), "the control review", "D542");
        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(62));
        // Consolidated: the manager finds nothing to annul in the art. 21-nonies window and the case is archived.
        await _host.WhenAsync(leftAlone, e => e.OfType<TaskAssigned>().Any(t => t.Step == "self-redress-review"), "the art. 21-nonies review", "D542");
        (await _host.CompleteAsync(leftAlone, "self-redress-review", "close", new JsonObject { ["notes"] = "nessun vizio" }, "D542", Scia.Responsabile)).Status
            .ShouldBe(Sys2.Host.Cases.CommandStatus.Accepted);
        await _host.WhenAsync(leftAlone, e => e.OfType<CaseClosed>().Any(), "the consolidated SCIA closed", "D542");
        var stillOpen = await _host.FileAsync("H769");
        await _host.WhenAsync(stillOpen, e => e.OfType<TaskAssigned>().Any(), "a task");

        var facts = await IndicatorQuery.FactsAsync(_host.Store, null, "suap.scia", null, CancellationToken.None);
        var report = ProjectIndicators.Compute(facts, new ReportingPeriod(2026));

        facts.Select(f => f.CaseId).ShouldBe([refused, leftAlone, stillOpen], ignoreOrder: true);
        var h769 = report.Rows.Single(r => r.Tenant == "H769");
        (h769[Figure.Opened], h769[Figure.Closed], h769[Figure.WithinTerm], h769[Figure.OutOfTerm]).ShouldBe((2, 1, 1, 0));
        var d542 = report.Rows.Single(r => r.Tenant == "D542");
        (d542[Figure.Opened], d542[Figure.Closed], d542[Figure.WithinTerm], d542[Figure.OutOfTerm]).ShouldBe((1, 1, 0, 1));
        report.ShareWithinTerm.ShouldBe(0.5m);
        facts.Single(f => f.CaseId == stillOpen).CurrentSteps.ShouldBe(["formal-check"]);
        StepLoad.Compute(facts, ["formal-check"]).Single().ShouldBe(new StepFigure("formal-check", 1, 2, TimeSpan.Zero));

        // An entity reads only its own: the same query, scoped.
        (await IndicatorQuery.FactsAsync(_host.Store, ["D542"], null, null, CancellationToken.None)).Select(f => f.CaseId).ShouldBe([leftAlone]);

        // Over HTTP: the lead partner reads every entity with the cases behind the figures; an entity's auditor her own.
        using var pmo = new ClerkClient(_host.Address, TestAccounts.SaraPmo);
        var answer = await pmo.GetJsonAsync<JsonObject>("/api/indicators?year=2026&procedure=suap.scia");
        answer["rows"]!.AsArray().Select(r => (string)r!["entity"]!).ShouldBe(["D542", "H769"]);
        answer["cases"]!.AsArray().Select(c => (string)c!["caseId"]!).ShouldBe([leftAlone, refused, stillOpen], ignoreOrder: true);
        using var auditor = new ClerkClient(_host.Address, TestAccounts.AnnaBianchi);
        var own = await auditor.GetJsonAsync<JsonObject>("/api/indicators?year=2026");
        own["rows"]!.AsArray().Select(r => (string)r!["entity"]!).Distinct().ShouldBe(["H769"]);
        (await auditor.GetAsync("/api/indicators?year=2026&entity=D542")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        (await clerk.GetAsync("/api/indicators?year=2026")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }
}
