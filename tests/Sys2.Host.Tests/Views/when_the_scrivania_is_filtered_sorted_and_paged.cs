using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Views;

/// <summary>
/// The scrivania's lists come from PostgreSQL a page at a time: the office's queue without the tasks someone
/// holds, a clerk's own tasks, filtered by procedure, applicant, state and term, with the total for the pages;
/// a person's saved filters are kept on the server.
/// </summary>
public sealed class when_the_scrivania_is_filtered_sorted_and_paged : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_the_scrivania_is_filtered_sorted_and_paged));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SciaOfAsync(string applicant)
    {
        var inputs = Scia.Inputs();
        ((JsonObject)inputs["applicant"]!)["name"] = applicant;
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", inputs, Scia.Sportello);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        await _host.WhenAsync(opened.CaseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        return opened.CaseId;
    }

    [Fact]
    public async Task the_queue_and_her_tasks_are_filtered_and_paged_in_the_database()
    {
        var rossi = await SciaOfAsync("Mario Rossi");
        var bianchi = await SciaOfAsync("Giulia Bianchi");
        var verdi = await SciaOfAsync("Luca Verdi");
        var version = (await _host.EventsOf(verdi)).Count;
        (await _host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", verdi, version, new ClaimTask("formal-check", Scia.Sportello), Scia.Sportello)))
            .Status.ShouldBe(CommandStatus.Accepted);
        var now = _host.Clock.GetUtcNow();
        await using var session = _host.Store.QuerySession("H769");

        var first = await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(), 1, 1, now, CancellationToken.None);
        var second = await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(), 2, 1, now, CancellationToken.None);
        (first.Total, second.Total).ShouldBe((2, 2));
        first.Items.Concat(second.Items).Select(i => i.CaseId).Order().ShouldBe(new[] { rossi, bianchi }.Order());

        (await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(Applicant: "bianchi"), 1, 20, now, CancellationToken.None))
            .Items.Select(i => i.CaseId).ShouldBe([bianchi]);
        (await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(Procedure: "suap.ordinario"), 1, 20, now, CancellationToken.None)).Total.ShouldBe(0);
        (await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(State: "control-review"), 1, 20, now, CancellationToken.None)).Total.ShouldBe(0);
        (await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(State: "formal-check", TermWithinDays: 90), 1, 20, now, CancellationToken.None)).Total.ShouldBe(2);
        (await TaskQuery.QueueAsync(session, "clerk", "SUAP", new TaskFilter(TermWithinDays: 10), 1, 20, now, CancellationToken.None)).Total.ShouldBe(0);

        var mine = await TaskQuery.HeldByAsync(session, "chiara.neri", new TaskFilter(Order: TaskFilter.ByFollowUp), 1, 20, now, CancellationToken.None);
        var held = mine.Items.ShouldHaveSingleItem();
        (held.CaseId, held.Assignee).ShouldBe((verdi, "chiara.neri"));
    }

    [Fact]
    public async Task a_saved_filter_is_kept_per_user_on_the_server()
    {
        await using (var write = _host.Store.LightweightSession("H769"))
        {
            var saved = new SavedFilters { Id = "chiara.neri" };
            saved.Save(new SavedFilter("SCIA in scadenza", "suap.scia", null, null, 10, TaskFilter.ByLegalTerm));
            saved.Save(new SavedFilter("scia in scadenza", "suap.scia", null, null, 5, TaskFilter.ByLegalTerm));
            write.Store(saved);
            await write.SaveChangesAsync();
        }

        await using var read = _host.Store.QuerySession("H769");
        var kept = (await read.LoadAsync<SavedFilters>("chiara.neri")).ShouldNotBeNull().Filters.ShouldHaveSingleItem();
        kept.TermWithinDays.ShouldBe(5);
        (await read.LoadAsync<SavedFilters>("franco.vitali")).ShouldBeNull();
        await using var other = _host.Store.QuerySession("D542");
        (await other.LoadAsync<SavedFilters>("chiara.neri")).ShouldBeNull();
    }
}
