using Microsoft.Playwright;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Web.Tests;

/// <summary>
/// The operator sees the open incidents, looks at the dry run of a retry (the exact events, nothing appended),
/// then confirms it, for one incident or several, and reads at once how each went.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_operator_retries_an_incident_in_the_browser(Workspace workspace)
{
    private const string Lookup = "procedimarche.lookup";

    /// <summary>A SCIA whose catalogue lookup failed for good: an incident for the operator.</summary>
    private async Task<string> CaseInIncidentAsync()
    {
        workspace.Host.Activities.FailNext(Lookup, 1, transient: false);
        var caseId = await workspace.Host.FileAsync();
        await workspace.Host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "an incident");
        return caseId;
    }

    /// <summary>The operator's page, with the dry run of the retry of the case's incident on it.</summary>
    private async Task<IPage> RetryPreviewAsync(string caseId)
    {
        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        await page.Locator("#incidenti tbody tr", new() { HasText = caseId }).GetByRole(AriaRole.Button, new() { Name = "Riprova" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task a_dry_run_shows_the_events_and_a_bulk_retry_appends_them_for_two_incidents()
    {
        var host = workspace.Host;
        host.Activities.FailNext(Lookup, 2, transient: false);
        var first = await host.FileAsync();
        var second = await host.FileAsync();
        await host.WhenAsync(first, e => e.OfType<IncidentRaised>().Any(), "an incident");
        await host.WhenAsync(second, e => e.OfType<IncidentRaised>().Any(), "an incident");
        var before = (await host.EventsOf(first)).Count;

        // The aggregation's operator sees every entity's incidents, each with its entity.
        var aggregation = await workspace.SignedInAsync(TestAccounts.GiuliaRossetti, "/operatore");
        (await aggregation.Locator("#incidenti tbody tr", new() { HasText = first }).InnerTextAsync()).ShouldContain("San Benedetto del Tronto");

        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-incidenti");
        foreach (var caseId in new[] { first, second })
        {
            var row = page.Locator("#incidenti tbody tr", new() { HasText = caseId });
            (await row.InnerTextAsync()).ShouldContain(Lookup);
            await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Prova i selezionati" }).ClickAsync();

        // The dry run: each case's exact events, and nothing written.
        foreach (var caseId in new[] { first, second })
        {
            var preview = page.Locator("section.anteprima", new() { HasText = caseId });
            var events = await preview.Locator("ol.eventi > li > strong").AllInnerTextsAsync();
            events.ShouldBe([nameof(IncidentResolved), nameof(IntegrationRequested)]);
            (await preview.InnerTextAsync()).ShouldContain(Lookup);
        }
        (await host.EventsOf(first)).Count.ShouldBe(before, "a dry run appends nothing");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-anteprima");

        await page.GetByRole(AriaRole.Button, new() { Name = "Conferma: riprova 2 incidenti" }).ClickAsync();

        foreach (var caseId in new[] { first, second })
        {
            (await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("Riuscito");
            var events = await host.WhenAsync(caseId, e => e.OfType<IntegrationSucceeded>().Any(), "the lookup answered after the retry");
            events.OfType<IncidentResolved>().Count().ShouldBe(1, "the confirmation appended the dry run's events once");
        }
        (await page.Locator("#riepilogo").InnerTextAsync()).ShouldContain("2 riusciti");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-esito");
    }

    [Fact]
    public async Task a_retry_that_fails_again_says_so_at_once()
    {
        var host = workspace.Host;
        var caseId = await CaseInIncidentAsync();
        host.Activities.FailNext(Lookup, 1, transient: false, message: "404 codice procedimento sconosciuto");

        var page = await RetryPreviewAsync(caseId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Conferma: riprova 1 incidente" }).ClickAsync();

        var outcome = await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync();
        outcome.ShouldContain("Non riuscito di nuovo");
        outcome.ShouldContain("404 codice procedimento sconosciuto");
        (await host.EventsOf(caseId)).OfType<IncidentRaised>().Count().ShouldBe(2);
    }

    [Fact]
    public async Task a_retry_confirmed_on_a_case_that_moved_on_appends_nothing()
    {
        var host = workspace.Host;
        var caseId = await CaseInIncidentAsync();

        var page = await RetryPreviewAsync(caseId);
        // Someone else retries it meanwhile (the API's same command): the dry run's version is stale now.
        var version = (await host.EventsOf(caseId)).Count;
        var other = new Actor("demo-gateway", "operator", "");
        (await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version, new RetryIncident("catalogue", other), other)))
            .Status.ShouldBe(CommandStatus.Accepted);
        await host.WhenAsync(caseId, e => e.OfType<IntegrationSucceeded>().Any(), "the other retry went through");

        await page.GetByRole(AriaRole.Button, new() { Name = "Conferma: riprova 1 incidente" }).ClickAsync();

        (await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("La pratica è cambiata, ricarica");
        // The case goes on by itself after the other retry; of this one nothing was appended.
        (await host.EventsOf(caseId)).OfType<IncidentResolved>().Single().ResolvedBy.ShouldBe("demo-gateway");
    }

    [Fact]
    public async Task a_corrected_variable_is_recorded_as_a_correction_and_the_step_retried()
    {
        var host = workspace.Host;
        var caseId = await CaseInIncidentAsync();

        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        await page.Locator("#incidenti tbody tr", new() { HasText = caseId }).GetByRole(AriaRole.Link, new() { Name = "Correggi un dato" }).ClickAsync();
        await page.GetByLabel("Dato da correggere").SelectOptionAsync("fee");
        await page.GetByLabel("Nuovo valore").FillAsync("5000");
        await page.GetByLabel("Motivo della correzione").FillAsync("tariffa comunicata dall'ente per PEC");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Correggi e prova il nuovo tentativo" }).ClickAsync();

        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Correzione di «fee» registrata");
        var corrected = (await host.EventsOf(caseId)).OfType<VariableCorrected>().ShouldHaveSingleItem();
        (corrected.Name, corrected.Value!.ToJsonString(), corrected.Reason).ShouldBe(("fee", "5000", "tariffa comunicata dall'ente per PEC"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Conferma: riprova 1 incidente" }).ClickAsync();
        (await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("Riuscito");

        // The fascicolo tells the correction for what it is.
        await page.GotoAsync($"/pratiche/{caseId}");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Correzione dell'operatore: «fee»");
    }

    [Fact]
    public async Task a_retry_whose_system_has_not_answered_yet_shows_as_in_progress_until_it_has()
    {
        var host = workspace.Host;
        var caseId = await CaseInIncidentAsync();

        var page = await RetryPreviewAsync(caseId);
        host.Activities.Pause();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Conferma: riprova 1 incidente" }).ClickAsync();
            (await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("In corso");
            (await page.Locator("#riepilogo").InnerTextAsync()).ShouldContain("1 ancora in corso");
        }
        finally
        {
            host.Activities.Resume();
        }
        await host.WhenAsync(caseId, e => e.OfType<IntegrationSucceeded>().Any(), "the lookup answered");
        await page.GetByRole(AriaRole.Link, new() { Name = "Aggiorna lo stato" }).ClickAsync();
        (await page.Locator("#esiti tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("Riuscito");
    }
}
