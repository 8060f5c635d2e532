using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Invoices;
using Sys2.Host.Tests.Harness;
using Sys2.Sandbox.IntermediaMarche;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Web.Tests;

/// <summary>
/// A Ragioneria clerk reads an e-invoice as a person would (supplier, lines, VAT summary, payment terms, the
/// liquidation checks, SdI's 15 days as a countdown); a clerk of another entity cannot open it by URL.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_a_clerk_reads_an_invoice_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task she_sees_the_invoice_its_checks_and_its_fifteen_days()
    {
        var host = workspace.Host;
        var (name, xml, supplier) = SampleInvoices.Build(new SampleInvoiceRequest("UFH769", TaxableCents: 250_000, Supplier: 4, Number: "77/2026"),
            new Random(7), "W0001", new DateOnly(2026, 3, 1));
        var received = await host.Services.GetRequiredService<InvoiceIngest>().ReceiveAsync(
            new InvoiceDelivery(InvoiceDelivery.Upload, name, xml, CaseHost.Start, IdentificativoSdI: "4999000001"), default);
        var caseId = received.File.Invoices.Single().CaseId.ShouldNotBeNull(received.File.Problems.Count.ToString());
        await host.WhenAsync(caseId, e => e.OfType<CaseOpened>().Any(), "the invoice case");

        var page = await workspace.SignedInAsync(TestAccounts.MartaFerri, $"/fatture/{caseId}");
        (await page.Locator("#fornitore").InnerTextAsync()).ShouldContain(supplier.Name);
        (await page.Locator("#totale").InnerTextAsync()).ShouldBe("3.050,00 €");              // 2.500,00 + IVA 22%
        (await page.Locator("#termine-esito").InnerTextAsync()).ShouldContain("17 marzo 2026");  // 2 March + 15 plain days
        (await page.Locator("#controlli-esito").InnerTextAsync()).ShouldContain("Nessun problema");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();

        var other = await workspace.SignedInAsync(TestAccounts.AnnaConti);
        (await other.GotoAsync($"/fatture/{caseId}"))!.Status.ShouldBe(404);
    }
}
