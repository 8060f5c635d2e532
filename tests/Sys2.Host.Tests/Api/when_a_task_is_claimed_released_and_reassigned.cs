using System.Net;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Api;

/// <summary>
/// The office's queue over HTTP: a clerk claims a task, a colleague can then neither claim nor complete it,
/// she releases it, a manager gives it to a colleague of the office (not to a clerk of another office), and a
/// clerk may not reassign; the new holder writes a note on the task. Each refusal appends nothing; a stale version is a conflict.
/// </summary>
public sealed class when_a_task_is_claimed_released_and_reassigned : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _chiara = null!, _franco = null!, _paolo = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_task_is_claimed_released_and_reassigned));
        _chiara = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        _franco = new ClerkClient(_host.Address, TestAccounts.FrancoVitali);
        _paolo = new ClerkClient(_host.Address, TestAccounts.PaoloRicci);
    }

    public async Task DisposeAsync()
    {
        _chiara.Dispose();
        _franco.Dispose();
        _paolo.Dispose();
        await _host.DisposeAsync();
    }

    private static async Task<long> VersionOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync())["version"]!.GetValue<long>();
    }

    [Fact]
    public async Task the_task_goes_from_the_queue_to_a_clerk_back_and_to_a_colleague()
    {
        var caseId = await _host.FileAsync();
        long version = (await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check")).Count;
        var tasks = $"/api/cases/{caseId}/tasks/formal-check";

        version = await VersionOf(await _chiara.PostAsync($"{tasks}/claim", new { commandId = Guid.NewGuid(), expectedVersion = version }));

        (await (await _franco.PostAsync($"{tasks}/claim", new { commandId = Guid.NewGuid(), expectedVersion = version, }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("task-held-by-another");
        (await (await _franco.PostAsync(tasks, new { commandId = Guid.NewGuid(), expectedVersion = version, outcome = "complete", form = new { } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("task-held-by-another");
        var inbox = await _franco.GetJsonAsync<List<InboxItem>>("/api/inbox?entity=H769");
        inbox.Single(i => i.CaseId == caseId).Assignee.ShouldBe("chiara.neri");

        version = await VersionOf(await _chiara.PostAsync($"{tasks}/release", new { commandId = Guid.NewGuid(), expectedVersion = version }));
        (await _chiara.PostAsync($"{tasks}/claim", new { commandId = Guid.NewGuid(), expectedVersion = version - 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await _chiara.PostAsync($"{tasks}/reassign", new { commandId = Guid.NewGuid(), expectedVersion = version, to = "franco.vitali", reason = "ferie" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _paolo.PostAsync($"{tasks}/reassign", new { commandId = Guid.NewGuid(), expectedVersion = version, to = "marco.galli", reason = "ferie" }))
            .ShouldBeFieldErrorsAsync()).Keys.ShouldBe(["to"]);
        version = await VersionOf(await _paolo.PostAsync($"{tasks}/reassign", new { commandId = Guid.NewGuid(), expectedVersion = version, to = "franco.vitali", reason = "assenza di Chiara Neri" }));
        await VersionOf(await _franco.PostAsync($"{tasks}/comments", new { commandId = Guid.NewGuid(), expectedVersion = version, text = "Presa in carico durante l'assenza" }));

        var events = await _host.EventsOf(caseId);
        events.OfType<TaskClaimed>().ShouldHaveSingleItem().ShouldBe(new TaskClaimed("formal-check", "main", "chiara.neri", "Chiara Neri"));
        events.OfType<TaskReleased>().ShouldHaveSingleItem();
        events.OfType<TaskReassigned>().ShouldHaveSingleItem()
            .ShouldBe(new TaskReassigned("formal-check", "main", null, "franco.vitali", "Franco Vitali", "paolo.ricci", "assenza di Chiara Neri"));
        events.OfType<TaskCommented>().ShouldHaveSingleItem()
            .ShouldBe(new TaskCommented("formal-check", "main", "franco.vitali", "Franco Vitali", "Presa in carico durante l'assenza"));
    }
}
