using System.Diagnostics;
using Microsoft.Playwright;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;
using Xunit.Abstractions;

namespace Sys2.Web.Tests;

/// <summary>
/// A SUAP clerk in a browser: signs in through the real login page, finds the SCIA on her scrivania, opens
/// the fascicolo and completes the formal check through the form the definition declares; the case moves on.
/// A clerk of another entity cannot open it by URL; a form left open while the case moved on appends nothing.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_a_clerk_works_a_case_in_the_browser(Workspace workspace, ITestOutputHelper output)
{
    private CaseHost Host => workspace.Host;

    private async Task<string> SciaAtFormalCheckAsync()
    {
        var caseId = await Host.FileAsync();
        await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        return caseId;
    }

    [Fact]
    public async Task she_completes_the_formal_check_through_the_form_and_the_case_moves_on()
    {
        var watch = Stopwatch.StartNew();
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri);

        (await page.Locator("#ente").InnerTextAsync()).ShouldBe("San Benedetto del Tronto");
        (await page.Locator("#utente").InnerTextAsync()).ShouldBe("Chiara Neri");
        var row = page.Locator("#compiti tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain("formal-check");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "scrivania");

        await row.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(caseId);
        (await page.Locator("#tabella-termini").InnerTextAsync()).ShouldContain("control");
        (await page.Locator("#elenco-documenti").InnerTextAsync()).ShouldContain("SHA-256");
        (await page.Locator("#timeline").InnerTextAsync()).ShouldContain("Pratica aperta");

        await page.Locator("#compiti").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}/compiti/formal-check");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("notes", new() { Exact = false }).FillAsync("Istanza completa, verificata allo sportello");
        await page.GetByRole(AriaRole.Button, new() { Name = "complete", Exact = true }).ClickAsync();

        await page.WaitForURLAsync($"**/pratiche/{caseId}");
        var events = await Host.WhenAsync(caseId, e => e.OfType<TaskCompleted>().Any(t => t.Step == "formal-check"), "the formal check completed");
        var completed = events.OfType<TaskCompleted>().ShouldHaveSingleItem();
        (completed.Outcome, completed.User, completed.Form["notes"]!.GetValue<string>())
            .ShouldBe(("complete", "chiara.neri", "Istanza completa, verificata allo sportello"));
        (await page.Locator("#timeline").InnerTextAsync()).ShouldContain("completato con esito «complete»");

        // The case goes on by itself (protocol, receipt, the avviso) until it waits for the payment: the final page shows what it did.
        await Host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(), "the engine waiting for the payment");
        await page.ReloadAsync();
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "fascicolo");
        output.WriteLine($"browser flow: {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task a_clerk_of_another_entity_gets_not_found()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.AnnaConti);

        (await page.GotoAsync($"/pratiche/{caseId}"))!.Status.ShouldBe(404);
        (await page.GotoAsync($"/pratiche/{caseId}/compiti/formal-check"))!.Status.ShouldBe(404);
        (await page.GotoAsync($"/pratiche/{caseId}?handler=documento&sha256={new string('a', 64)}"))!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_form_left_open_while_the_case_moved_on_appends_nothing()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri, $"/pratiche/{caseId}/compiti/formal-check");
        await page.GetByLabel("notes", new() { Exact = false }).FillAsync("dal modulo rimasto aperto");

        // A colleague completes it first.
        (await Host.CompleteAsync(caseId, "formal-check", "incomplete", new() { ["notes"] = "manca la procura" })).Status.ShouldBe(CommandStatus.Accepted);
        await page.GetByRole(AriaRole.Button, new() { Name = "complete", Exact = true }).ClickAsync();

        (await page.Locator("#errore").InnerTextAsync()).ShouldContain("La pratica è cambiata, ricarica");
        var completed = (await Host.EventsOf(caseId)).OfType<TaskCompleted>().ShouldHaveSingleItem();
        completed.Outcome.ShouldBe("incomplete");
    }

    [Fact]
    public async Task a_page_without_a_session_sends_the_browser_to_sign_in_and_back()
    {
        var caseId = await SciaAtFormalCheckAsync();

        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri, $"/pratiche/{caseId}");

        (await page.Locator("h1").InnerTextAsync()).ShouldContain(caseId);
    }
}
