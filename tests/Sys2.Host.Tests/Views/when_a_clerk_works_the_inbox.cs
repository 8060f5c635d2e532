using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Tests.Views;

public sealed class when_a_clerk_works_the_inbox : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _suap = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_clerk_works_the_inbox));
        _suap = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _suap.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<string> SciaAtFormalCheck()
    {
        var caseId = await _host.FileAsync();
        await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check");
        return caseId;
    }

    [Fact]
    public async Task the_inbox_shows_the_office_its_open_tasks_with_the_legal_term()
    {
        var caseId = await SciaAtFormalCheck();

        var inbox = await _suap.GetJsonAsync<List<InboxItem>>("/api/inbox");

        var item = inbox.ShouldHaveSingleItem();
        item.CaseId.ShouldBe(caseId);
        item.Step.ShouldBe("formal-check");
        item.Applicant.ShouldBe("Mario Rossi");
        item.Outcomes.ShouldBe(["complete", "incomplete"]);
        var control = item.Clocks.ShouldHaveSingleItem();
        (control.Name, control.Status).ShouldBe(("control", "running"));
        control.DueAt.ShouldBe(new DateTimeOffset(2026, 5, 2, 23, 59, 59, TimeSpan.FromHours(2))); // 1 May is a holiday
    }

    [Fact]
    public async Task another_office_and_another_entity_see_nothing()
    {
        await SciaAtFormalCheck();
        using var sue = new ClerkClient(_host.Address, TestAccounts.MarcoGalli);
        using var fermo = new ClerkClient(_host.Address, TestAccounts.AnnaConti);

        (await sue.GetJsonAsync<List<InboxItem>>("/api/inbox")).ShouldBeEmpty();
        (await fermo.GetJsonAsync<List<InboxItem>>("/api/inbox")).ShouldBeEmpty();
        (await fermo.GetJsonAsync<List<CaseSummary>>("/api/cases")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_completed_task_leaves_the_inbox_in_the_same_transaction()
    {
        var caseId = await SciaAtFormalCheck();
        var version = (await _host.EventsOf(caseId)).Count;
        _host.Activities.Pause(); // the case stays after the task, between the two calls

        var response = await _suap.PostAsync($"/api/cases/{caseId}/tasks/formal-check",
            new { commandId = Guid.NewGuid(), expectedVersion = version, outcome = "complete" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _suap.GetJsonAsync<List<InboxItem>>("/api/inbox")).ShouldBeEmpty();
    }

    [Fact]
    public async Task terms_due_soon_are_listed_by_due_date()
    {
        var caseId = await SciaAtFormalCheck();

        (await _suap.GetJsonAsync<List<DeadlineItem>>("/api/deadlines?days=7")).ShouldBeEmpty();
        var due = (await _suap.GetJsonAsync<List<DeadlineItem>>("/api/deadlines?days=90")).ShouldHaveSingleItem();
        (due.CaseId, due.Clock).ShouldBe((caseId, "control"));
    }

    [Fact]
    public async Task an_incident_is_listed_for_the_operator_until_her_retry_resolves_it()
    {
        _host.Activities.FailNext(Activities.ProcediMarcheLookup, 1, transient: false, "400 codice procedimento mancante");
        var caseId = await _host.FileAsync();
        var events = await _host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "the incident");

        using var operatore = new ClerkClient(_host.Address, TestAccounts.LucaMoretti);
        // Incidents are the operators' work: the clerk neither lists nor retries them.
        (await _suap.GetAsync("/api/incidents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var incident = (await operatore.GetJsonAsync<List<IncidentItem>>("/api/incidents")).ShouldHaveSingleItem();
        (incident.CaseId, incident.Step, incident.Activity).ShouldBe((caseId, "catalogue", Activities.ProcediMarcheLookup));
        incident.Reason.ShouldContain("codice procedimento mancante");

        (await _suap.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry", new { commandId = Guid.NewGuid(), expectedVersion = events.Count }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _host.EventsOf(caseId)).Count.ShouldBe(events.Count);
        var retry = await operatore.PostAsync($"/api/cases/{caseId}/incidents/catalogue/retry", new { commandId = Guid.NewGuid(), expectedVersion = events.Count });
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await operatore.GetJsonAsync<List<IncidentItem>>("/api/incidents")).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_attached_document_records_the_digest_of_the_bytes_received()
    {
        var caseId = await SciaAtFormalCheck();
        var content = Encoding.UTF8.GetBytes("planimetria dei locali, scala 1:100");

        var response = await _suap.PostAsync($"/api/cases/{caseId}/documents", new
        {
            commandId = Guid.NewGuid(), expectedVersion = (await _host.EventsOf(caseId)).Count,
            name = "planimetria.pdf", mediaType = "application/pdf", contentBase64 = Convert.ToBase64String(content),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var attached = (await _host.EventsOf(caseId)).OfType<DocumentAttached>().Single();
        attached.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        (attached.Size, attached.AttachedBy).ShouldBe((content.Length, "chiara.neri"));
    }

    [Fact]
    public async Task a_suspension_the_law_does_not_allow_is_refused_naming_the_clock()
    {
        var caseId = await SciaAtFormalCheck();
        var version = (await _host.EventsOf(caseId)).Count;

        var response = await _suap.PostAsync($"/api/cases/{caseId}/deadlines/control/suspend",
            new { commandId = Guid.NewGuid(), expectedVersion = version, reason = "integration" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["detail"]!.GetValue<string>().ShouldContain("control");
        (await _host.EventsOf(caseId)).Count.ShouldBe(version);
    }
}
