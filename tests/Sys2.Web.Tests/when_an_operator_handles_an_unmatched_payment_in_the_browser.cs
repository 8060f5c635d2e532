using Microsoft.Playwright;
using Sys2.Host.Integrations;
using Sys2.Host.Tests.Harness;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Web.Tests;

/// <summary>
/// A payment no case took (here: paid for a case that had closed) is pointed at from the incidents page; the operator opens
/// the list, reads what was paid, for which case and why it was not taken, and marks it handled with a note.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_operator_handles_an_unmatched_payment_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task she_finds_it_and_marks_it_handled_with_a_note()
    {
        const string notice = "302000000009999914";
        var receiptId = $"rt{Guid.NewGuid():N}";
        await UnmatchedPayments.RecordAsync(workspace.Host.Store, new PaymentReceipt("H769", "SYS2-SUAP-H769-2026-0000999-request-payment",
                Iuv.Parse(notice[1..]), NumeroAvviso.Parse(notice), 14_600, workspace.Host.Clock.GetUtcNow(), receiptId,
                new Dictionary<string, string> { [PaymentReceipt.CaseIdKey] = "SUAP-H769-2026-0000999" }),
            "paid, but SUAP-H769-2026-0000999 closed (withdrawn) without taking the payment", "reconciliation", workspace.Host.Clock.GetUtcNow(), default);

        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        (await page.Locator("#pagamenti-non-abbinati").InnerTextAsync()).ShouldContain("nessuna pratica");
        await page.Locator("#pagamenti-non-abbinati").GetByRole(AriaRole.Link).ClickAsync();

        var row = page.Locator("#pagamenti tbody tr", new() { HasText = receiptId });
        var text = await row.InnerTextAsync();
        text.ShouldContain(notice);
        text.ShouldContain("146,00 €");
        text.ShouldContain("SUAP-H769-2026-0000999");
        text.ShouldContain("closed (withdrawn)");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-pagamenti");

        await row.GetByLabel("Che cosa è stato fatto").FillAsync("Rimborso chiesto al tesoriere");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Segna come gestito il pagamento {notice}" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("segnato come gestito");
        (await page.Locator("#pagamenti tbody tr", new() { HasText = receiptId }).CountAsync()).ShouldBe(0);

        await page.GotoAsync("/operatore/pagamenti?stato=tutti");
        (await page.Locator("#pagamenti tbody tr", new() { HasText = receiptId }).InnerTextAsync())
            .ShouldContain("Gestito da Luca Moretti");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }
}
