using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sys2.Host.Invoices;
using Sys2.Host.Tests.Harness;
using Sys2.Sandbox.IntermediaMarche;

namespace Sys2.Web.Tests;

/// <summary>
/// The aggregation's operator finds a tampered file among the refused ones with every reason it was refused; routes
/// an unknown office code in the table and receives the file that waited for it again.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_operator_looks_at_refused_invoice_files_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task a_tampered_file_shows_its_reasons()
    {
        var (name, xml, _) = SampleInvoices.Build(new SampleInvoiceRequest("UFH769", Supplier: 3, Number: "12/2026"), new Random(11), "W0101",
            new DateOnly(2026, 3, 1));
        var received = await ReceiveAsync(name, WithoutNumero(xml), "4999000101");
        received.Status.ShouldBe(ReceivedFileStatus.Refused);

        var page = await workspace.SignedInAsync(TestAccounts.GiuliaRossetti, "/operatore/fatture");
        var row = page.Locator("#file tbody tr", new() { HasText = name });
        (await row.InnerTextAsync()).ShouldContain("Scartato: non valido");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-fatture");

        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var reasons = await page.Locator("#motivi li").AllInnerTextsAsync();
        reasons.Count.ShouldBe(received.Problems.Count);
        reasons.ShouldContain(r => r.Contains("Numero"));
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-file-scartato");

        // An entity's operator does not see a file that reached no entity.
        var entity = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        (await entity.GotoAsync($"/operatore/fatture/{received.Id}"))!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task an_unrouted_file_is_received_again_once_its_code_is_routed()
    {
        var (name, xml, _) = SampleInvoices.Build(new SampleInvoiceRequest("ZZ7001", Supplier: 4, Number: "13/2026"), new Random(12), "W0102",
            new DateOnly(2026, 3, 1));
        var received = await ReceiveAsync(name, xml, "4999000102");
        received.Status.ShouldBe(ReceivedFileStatus.Unrouted);

        var page = await workspace.SignedInAsync(TestAccounts.GiuliaRossetti, "/operatore/instradamento?ente=H769");
        await page.GetByLabel("Codice ufficio").FillAsync("ZZ7001");
        await page.GetByLabel("Descrizione").FillAsync("Servizi sociali");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("ZZ7001");
        (await page.Locator("#codici tbody tr", new() { HasText = "ZZ7001" }).InnerTextAsync()).ShouldContain("Servizi sociali");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-instradamento");

        await page.GotoAsync($"/operatore/fatture/{received.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ricevi di nuovo" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("è diventato pratica");
        (await page.Locator("#stato").InnerTextAsync()).ShouldBe("Ricevuto");
    }

    private async Task<ReceivedInvoiceFile> ReceiveAsync(string name, byte[] content, string sdiId) =>
        (await workspace.Host.Services.GetRequiredService<InvoiceIngest>().ReceiveAsync(
            new InvoiceDelivery(InvoiceDelivery.Upload, name, content, workspace.Host.Clock.GetUtcNow(), IdentificativoSdI: sdiId), default)).File;

    /// <summary>The invoice's number taken out after it was made, as the IntermediaMarche simulator's "schema" tamper does.</summary>
    private static byte[] WithoutNumero(byte[] xml)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(xml));
        foreach (var number in document.Descendants("Numero").Where(n => n.Parent?.Name.LocalName == "DatiGeneraliDocumento").ToList()) number.Remove();
        return Encoding.UTF8.GetBytes(document.Declaration + "\n" + document.Root!.ToString(SaveOptions.DisableFormatting));
    }
}
