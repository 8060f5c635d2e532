using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Views;

/// <summary>
/// The designer's page shows how many cases run on each version of a definition and at which steps: counted over
/// the case summaries of every entity (a definition is shared), as numbers only.
/// </summary>
public sealed class when_a_designer_counts_cases_per_version : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_a_designer_counts_cases_per_version));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_cases_of_every_entity_are_counted_by_version_and_step()
    {
        var inSanBenedetto = await _host.FileAsync("H769");
        var inAnotherEntity = await _host.FileAsync("D542");
        await _host.WhenAsync(inSanBenedetto, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        await _host.WhenAsync(inAnotherEntity, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check", "D542");
        var published = (await _host.Definitions.FindAsync("suap.scia"))!.Published!.Version;

        var count = (await VersionUsage.CountAsync(_host.Store, "suap.scia", default)).ShouldHaveSingleItem();

        (count.DefinitionId, count.Version, count.Open, count.Closed).ShouldBe(("suap.scia", published, 2L, 0L));
        count.OpenAtStep.ShouldBe(new Dictionary<string, long> { ["formal-check"] = 2 });
        (await VersionUsage.CountAsync(_host.Store, null, default)).ShouldContain(c => c.DefinitionId == "suap.scia" && c.Open == 2);
    }
}
