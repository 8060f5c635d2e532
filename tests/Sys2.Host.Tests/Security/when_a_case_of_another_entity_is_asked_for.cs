using System.Net;
using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A case of another entity does not exist for the caller: 404 whether she reads it or acts on it,
/// so its number tells her nothing. Within her entity, a role that may not do a thing gets 403.
/// A person of an Unione who works for two comuni says in which one she acts.
/// </summary>
/// <remarks>One host for the class; each test files a case of its own.</remarks>
public sealed class when_a_case_of_another_entity_is_asked_for(ClassHost<when_a_case_of_another_entity_is_asked_for> shared) : IClassFixture<ClassHost<when_a_case_of_another_entity_is_asked_for>>, IAsyncLifetime
{
    private readonly CaseHost _host = shared.ForNextTest();
    private string _caseId = "";
    private int _events;

    public async Task InitializeAsync()
    {
        _caseId = await _host.FileAsync();
        _events = (await _host.WhenAsync(_caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check")).Count;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_clerk_of_fermo_gets_not_found_for_a_case_of_san_benedetto()
    {
        using var fermo = new ClerkClient(_host.Address, TestAccounts.AnnaConti);

        (await fermo.GetAsync($"/api/cases/{_caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fermo.PostAsync($"/api/cases/{_caseId}/tasks/formal-check",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, outcome = "complete" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fermo.PostAsync($"/api/cases/{_caseId}/withdraw",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fermo.GetAsync("/api/cases?entity=H769")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task a_clerk_of_another_office_is_forbidden_to_act_on_the_case()
    {
        using var sue = new ClerkClient(_host.Address, TestAccounts.MarcoGalli);

        var answer = await sue.PostAsync($"/api/cases/{_caseId}/withdraw", new { commandId = Guid.NewGuid(), expectedVersion = _events, reason = "x" });

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("SUAP");
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task an_auditor_reads_and_verifies_but_never_changes()
    {
        using var auditor = new ClerkClient(_host.Address, TestAccounts.AnnaBianchi);

        (await auditor.GetAsync($"/api/cases/{_caseId}/history")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.PostAsync($"/api/cases/{_caseId}/tasks/formal-check",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, outcome = "complete" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task the_lead_partner_reads_every_entity_and_changes_none()
    {
        using var pmo = new ClerkClient(_host.Address, TestAccounts.SaraPmo);

        (await pmo.GetAsync($"/api/cases/{_caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pmo.GetAsync("/api/cases?entity=D542")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pmo.PostAsync($"/api/cases/{_caseId}/withdraw",
            new { commandId = Guid.NewGuid(), expectedVersion = _events, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _host.EventsOf(_caseId)).Count.ShouldBe(_events);
    }

    [Fact]
    public async Task staff_of_two_comuni_say_which_one_they_act_for()
    {
        using var union = new ClerkClient(_host.Address, TestAccounts.FrancoVitali);

        (await union.GetAsync("/api/inbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var inbox = await union.GetJsonAsync<JsonArray>("/api/inbox?entity=H769");
        inbox.Select(i => i!["caseId"]!.GetValue<string>()).ShouldContain(_caseId);
        (await union.GetJsonAsync<JsonArray>("/api/inbox?entity=D542")).ShouldBeEmpty();
        (await union.GetAsync("/api/inbox?entity=A044")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
