using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Web.Tests;

/// <summary>
/// The office's queue in the browser: a SUAP clerk claims a SCIA's task from "La coda dell'ufficio", finds it
/// among "I miei compiti", works it, and once the applicant has paid the avviso claims and completes the control
/// until the case is closed; a manager gives a clerk's task to a colleague of the office; a term's ledger on the
/// fascicolo shows its suspension. axe-core finds no serious or critical violation on any of these pages.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_a_clerk_claims_tasks_and_a_manager_reassigns_them_in_the_browser(Workspace workspace)
{
    private CaseHost Host => workspace.Host;

    private async Task<string> SciaAtFormalCheckAsync()
    {
        var caseId = await Host.FileAsync();
        await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        return caseId;
    }

    /// <summary>MPay issues avvisi of a known amount (the scripted answer names none), so that a receipt can pay it exactly.</summary>
    private const long Fee = 12_500;

    private void AvvisiWithAmount() =>
        Host.Activities.AnswerWith(Sys2.Workflows.Definitions.Activities.MPayRequestPayment, _ => new JsonObject
        {
            ["noticeNumber"] = "302000000001234559", ["iuv"] = "02000000001234559", ["amount"] = Fee,
        });

    /// <summary>
    /// The applicant pays the avviso the case issued: the <c>payment-received</c> event as MPay's receipt endpoint
    /// hands it to the case once it has checked the receipt's signature (the web tests' host has no MPay secret).
    /// </summary>
    private async Task PayAsync(string caseId)
    {
        var events = await Host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"), "the avviso");
        var avviso = events.OfType<VariablesSet>().Last(v => v.Values.ContainsKey("noticeNumber")).Values;
        var receipt = new JsonObject
        {
            ["paidAt"] = "2026-03-02T10:00:00.000Z", ["noticeNumber"] = avviso["noticeNumber"]!.GetValue<string>(),
            ["iuv"] = "02000000001234559", ["amount"] = avviso["noticeAmount"]!.GetValue<long>(), ["receiptId"] = Guid.NewGuid().ToString("N"),
        };
        (await Host.Cases.HandleSystemAsync("H769", caseId, Guid.NewGuid(), new ReceiveEvent("payment-received", receipt) { FromSystem = true }, null))
            .Status.ShouldBe(CommandStatus.Accepted);
    }

    private static async Task ClaimFromTheQueueAsync(IPage page, string caseId, string step)
    {
        await page.GotoAsync("/");
        var row = page.Locator("#compiti tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain(step);
        await row.GetByRole(AriaRole.Button, new() { Name = "Prendi in carico" }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}/compiti/{step}");
        (await page.Locator("#assegnatario").InnerTextAsync()).ShouldContain("In carico a te");
    }

    [Fact]
    public async Task she_claims_a_scia_from_the_queue_and_works_it_through_the_payment_to_closure()
    {
        AvvisiWithAmount();
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri);

        await ClaimFromTheQueueAsync(page, caseId, "formal-check");
        await page.GetByLabel("Nuova nota").FillAsync("Telefonato al richiedente: conferma la procura");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi la nota" }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}/compiti/formal-check");
        (await page.Locator("#elenco-note").InnerTextAsync()).ShouldContain("Chiara Neri: Telefonato al richiedente: conferma la procura");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.GotoAsync("/");
        (await page.Locator("#miei tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("formal-check");
        (await page.Locator("#compiti").CountAsync() == 0 || !(await page.Locator("#compiti").InnerTextAsync()).Contains(caseId)).ShouldBeTrue();
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "scrivania-miei-compiti");

        await page.Locator("#miei").GetByRole(AriaRole.Link, new() { Name = "formal-check" }).First.ClickAsync();
        await page.GetByLabel("notes", new() { Exact = false }).FillAsync("Istanza completa");
        await page.GetByRole(AriaRole.Button, new() { Name = "complete", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}");

        // The planimetria, then a corrected version of it, attached from the fascicolo once the engine has done its part
        // (protocol, receipt, avviso) and waits for the payment: a page read before that would be stale.
        await Host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"), "the avviso");
        await page.ReloadAsync();
        foreach (var text in new[] { "planimetria v1", "planimetria v2" })
        {
            await page.GetByLabel("Allega un documento", new() { Exact = false }).SetInputFilesAsync(
                new FilePayload { Name = "planimetria.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.UTF8.GetBytes(text) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Allega", Exact = true }).ClickAsync();
            await page.WaitForURLAsync($"**/pratiche/{caseId}");
        }
        (await page.Locator("#elenco-documenti").InnerTextAsync()).ShouldContain("planimetria.pdf – versione 2");
        (await Host.EventsOf(caseId)).OfType<DocumentAttached>().Select(d => d.Name).ShouldBe(["planimetria.pdf", "planimetria.pdf"]);

        await PayAsync(caseId);
        await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "control-review"), "the control after the payment");

        await ClaimFromTheQueueAsync(page, caseId, "control-review");
        await page.GetByLabel("notes", new() { Exact = false }).FillAsync("Requisiti e presupposti verificati");
        await page.GetByRole(AriaRole.Button, new() { Name = "compliant", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}");

        var events = await Host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case closed");
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
        events.OfType<TaskClaimed>().Select(t => (t.Step, t.User)).ShouldBe([("formal-check", "chiara.neri"), ("control-review", "chiara.neri")]);
        events.OfType<TaskCompleted>().Select(t => t.User).ShouldBe(["chiara.neri", "chiara.neri"]);
        events.OfType<ExternalEventReceived>().ShouldContain(e => e.Event == "payment-received");

        await page.ReloadAsync();
        (await page.Locator("#stato").InnerTextAsync()).ShouldContain("chiusa");
        (await page.Locator("#timeline").InnerTextAsync()).ShouldContain("preso in carico da Chiara Neri");
        (await page.Locator("#registro-control").InnerTextAsync()).ShouldContain("Concluso");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "fascicolo-chiuso");
    }

    [Fact]
    public async Task a_colleague_sees_a_claimed_task_as_held_and_cannot_complete_it()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var chiara = await workspace.SignedInAsync(TestAccounts.ChiaraNeri);
        await ClaimFromTheQueueAsync(chiara, caseId, "formal-check");

        var franco = await workspace.SignedInAsync(TestAccounts.FrancoVitali, "/?ente=H769");
        (await franco.Locator("#compiti-colleghi tbody tr", new() { HasText = caseId }).InnerTextAsync()).ShouldContain("Chiara Neri");
        await franco.GotoAsync($"/pratiche/{caseId}/compiti/formal-check");
        (await franco.Locator("#assegnatario").InnerTextAsync()).ShouldContain("In carico a Chiara Neri");
        (await franco.Locator("#modulo-compito").CountAsync()).ShouldBe(0);
        (await franco.Locator("#solo-assegnatario").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task a_manager_reassigns_a_task_to_a_colleague_of_the_office()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var version = (await Host.EventsOf(caseId)).Count;
        (await Host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version,
            new ClaimTask("formal-check", Scia.Sportello with { Name = "Chiara Neri" }), Scia.Sportello))).Status.ShouldBe(CommandStatus.Accepted);

        var page = await workspace.SignedInAsync(TestAccounts.PaoloRicci);
        var row = page.Locator("#compiti tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain("Chiara Neri");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await row.GetByRole(AriaRole.Link, new() { Name = "Chiara Neri" }).ClickAsync();
        await page.WaitForURLAsync($"**/pratiche/{caseId}/compiti/formal-check");

        await page.GetByLabel("Assegna a").SelectOptionAsync(new SelectOptionValue { Label = "Franco Vitali" });
        await page.GetByLabel("Motivo", new() { Exact = false }).FillAsync("Assenza per ferie di Chiara Neri");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Riassegna" }).ClickAsync();

        await page.WaitForURLAsync($"**/pratiche/{caseId}/compiti/formal-check");
        (await page.Locator("#assegnatario").InnerTextAsync()).ShouldContain("In carico a Franco Vitali");
        var reassigned = (await Host.EventsOf(caseId)).OfType<TaskReassigned>().ShouldHaveSingleItem();
        (reassigned.From, reassigned.To, reassigned.By, reassigned.Reason)
            .ShouldBe(("chiara.neri", "franco.vitali", "paolo.ricci", "Assenza per ferie di Chiara Neri"));
        await Workspace.ScreenshotAsync(page, "compito-riassegnato");
    }

    [Fact]
    public async Task a_claim_from_a_scrivania_left_open_appends_nothing()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri);
        var row = page.Locator("#compiti tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain("formal-check");

        // The case moves on while the scrivania is open: a document is attached at the counter.
        var version = (await Host.EventsOf(caseId)).Count;
        (await Host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version,
            new AttachDocument("nota.pdf", new string('a', 64), "application/pdf", 10, Scia.Sportello), Scia.Sportello))).Status.ShouldBe(CommandStatus.Accepted);
        await row.GetByRole(AriaRole.Button, new() { Name = "Prendi in carico" }).ClickAsync();

        (await page.Locator("#errore").InnerTextAsync()).ShouldContain("La pratica è cambiata, ricarica");
        (await Host.EventsOf(caseId)).OfType<TaskClaimed>().ShouldBeEmpty();
    }

    [Fact]
    public async Task she_filters_the_queue_and_keeps_the_filter_on_the_server()
    {
        var caseId = await SciaAtFormalCheckAsync();
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri);
        var row = page.Locator("#compiti tbody tr", new() { HasText = caseId });

        await page.GetByLabel("Procedimento", new() { Exact = false }).FillAsync("suap.ordinario");
        await page.GetByRole(AriaRole.Button, new() { Name = "Applica" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("procedimento=suap.ordinario"));
        (await row.CountAsync()).ShouldBe(0);

        await page.GetByLabel("Procedimento", new() { Exact = false }).FillAsync("suap.scia");
        await page.GetByLabel("Fase", new() { Exact = false }).FillAsync("formal-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Applica" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("procedimento=suap.scia"));
        (await row.CountAsync()).ShouldBe(1);
        await page.GetByLabel("Nome del filtro da salvare").FillAsync("SCIA da verificare");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva il filtro" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("stato=formal-check"));

        await page.GotoAsync("/");
        await page.Locator("#filtri-salvati").GetByRole(AriaRole.Link, new() { Name = "SCIA da verificare" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("stato=formal-check"));
        (await row.CountAsync()).ShouldBe(1);
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_terms_ledger_shows_its_suspension()
    {
        AvvisiWithAmount();
        var opened = await Host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.ordinario", OrdinarioCase.Inputs(), Scia.Sportello);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        var caseId = opened.CaseId;
        await PayAsync(caseId);
        await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "review"), "the review");
        (await Host.CompleteAsync(caseId, "review", "reject", new() { ["notes"] = "manca il requisito", ["reasons"] = "locali privi di agibilità" }))
            .Status.ShouldBe(CommandStatus.Accepted);
        await Host.WhenAsync(caseId, e => e.OfType<DeadlineSuspended>().Any(s => s.Clock == "decision"), "the preavviso's suspension");

        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri, $"/pratiche/{caseId}");

        var ledger = await page.Locator("#registro-decision").InnerTextAsync();
        ledger.ShouldContain("Avviato il");
        ledger.ShouldContain("Sospeso il 2 marzo 2026");
        ledger.ShouldContain("preavviso di rigetto");
        ledger.ShouldContain("L. 241/1990 art. 10-bis");
        ledger.ShouldContain("restavano 60 giorni");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "fascicolo-registro-termini");
    }
}
