using Marten;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Tests.Views;

public sealed class when_the_views_are_rebuilt : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_the_views_are_rebuilt));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SummariesAsJson(string tenant)
    {
        await using var session = _host.Store.QuerySession(tenant);
        return _host.Store.Options.Serializer().ToJson((await session.Query<CaseSummary>().OrderBy(c => c.Id).ToListAsync()).ToList());
    }

    [Fact]
    public async Task the_summaries_come_back_the_same_from_the_events_alone()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: false);
        var withIncident = await _host.FileAsync("H769");
        await _host.WhenAsync(withIncident, e => e.OfType<IncidentRaised>().Any(), "an incident");
        var inSanBenedetto = await _host.FileAsync("H769");
        var inFermo = await _host.FileAsync("D542");
        await _host.WhenAsync(inSanBenedetto, e => e.OfType<TaskAssigned>().Any(), "a task");
        await _host.WhenAsync(inFermo, e => e.OfType<TaskAssigned>().Any(), "a task", "D542");
        var before = (await SummariesAsJson("H769"), await SummariesAsJson("D542"));
        await _host.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseSummary));
        (await SummariesAsJson("H769")).ShouldBe("[]");

        await ViewRebuild.RunAsync(_host.Store);

        (await SummariesAsJson("H769"), await SummariesAsJson("D542")).ShouldBe(before);
        before.Item1.ShouldContain(withIncident);
        before.Item2.ShouldContain(inFermo);
    }
}
