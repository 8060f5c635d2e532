using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Tests.Operators;

/// <summary>
/// A retry's dry run answers the exact events the real retry then appends, decided on the same stored state, and
/// writes nothing; it asks the same questions as the retry (who, which version).
/// </summary>
public sealed class when_an_operator_dry_runs_a_retry : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _operator = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_an_operator_dry_runs_a_retry));
        _operator = new ClerkClient(_host.Address, TestAccounts.LucaMoretti);
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task the_dry_run_shows_what_the_retry_appends_and_appends_nothing()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: false);
        var caseId = await _host.FileAsync();
        var before = await _host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "the incident");
        var body = new { commandId = Guid.NewGuid(), expectedVersion = before.Count };

        var dryRun = await _operator.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry/dry-run", body);
        dryRun.StatusCode.ShouldBe(HttpStatusCode.OK, await dryRun.Content.ReadAsStringAsync());
        var planned = (await dryRun.Content.ReadFromJsonAsync<JsonObject>())!;
        var types = planned["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        types.ShouldBe([nameof(IncidentResolved), nameof(IntegrationRequested)]);
        planned["events"]![1]!["json"]!.GetValue<string>().ShouldContain(Activities.ProcediMarcheLookup);
        (await _host.EventsOf(caseId)).Count.ShouldBe(before.Count, "a dry run appends nothing");

        // The same body sent for real appends exactly those events.
        var retry = await _operator.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry", body);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        var appended = (await _host.EventsOf(caseId)).Skip(before.Count).Take(types.Count).Select(e => e.GetType().Name);
        appended.ShouldBe(types);

        // Sent again, the dry run says the command was already sent.
        var again = await _operator.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry/dry-run", body);
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString().ShouldBe("Duplicate");
    }

    [Fact]
    public async Task a_stale_version_or_a_clerk_gets_what_the_retry_would_answer()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: false);
        var caseId = await _host.FileAsync();
        var events = await _host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "the incident");

        (await _operator.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry/dry-run", new { commandId = Guid.NewGuid(), expectedVersion = events.Count - 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        (await clerk.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry/dry-run", new { commandId = Guid.NewGuid(), expectedVersion = events.Count }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _operator.PostAsync($"/api/cases/{caseId}/incidents/lookup-nowhere/retry/dry-run", new { commandId = Guid.NewGuid(), expectedVersion = events.Count }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
