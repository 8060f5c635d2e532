using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MiniExcelLibs;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Web.Tests;

/// <summary>
/// The lead partner (<c>*/pmo</c>) reads the indicators of two entities' SCIAs: the figures per entity, a figure's link
/// to the cases behind it and on to a fascicolo, the CSV and Excel exports, and the heatmap on the SCIA's diagram. The
/// host is shared with the other browser tests, so the assertions look at this test's entity and cases only.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_the_lead_partner_reads_the_indicators_in_the_browser(Workspace workspace)
{
    private const string Procedure = "suap.scia";

    // Acquasanta Terme: no other browser test files there.
    private const string Acquasanta = "A044";

    private CaseHost Host => workspace.Host;

    private async Task<string> AtFormalCheckAsync(string tenant)
    {
        var caseId = await Host.FileAsync(tenant);
        await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check", tenant);
        return caseId;
    }

    private async Task<string> RefusedAsync(string tenant)
    {
        var caseId = await AtFormalCheckAsync(tenant);
        (await Host.CompleteAsync(caseId, "formal-check", "incomplete", new JsonObject { ["notes"] = "manca la planimetria" }, tenant)).Status
            .ShouldBe(CommandStatus.Accepted);
        await Host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the SCIA closed", tenant);
        return caseId;
    }

    [Fact]
    public async Task the_figures_link_to_their_cases_export_and_the_diagram_shows_the_load()
    {
        var inSanBenedetto = await RefusedAsync("H769");
        var refused = await RefusedAsync(Acquasanta);
        var waiting = await AtFormalCheckAsync(Acquasanta);
        var today = LegalCalendar.LocalDate(Host.Clock.GetUtcNow());
        var filter = $"anno={today.Year}&trimestre={(today.Month + 2) / 3}&procedimento={Procedure}";

        var page = await workspace.SignedInAsync(TestAccounts.SaraPmo, $"/capofila?{filter}");
        var acquasanta = page.Locator($"#indicatori tbody tr[data-ente={Acquasanta}][data-procedimento='{Procedure}']");
        (await acquasanta.Locator("td[data-indicatore=aperte]").InnerTextAsync()).Trim().ShouldBe("2");
        (await acquasanta.Locator("td[data-indicatore=chiuse]").InnerTextAsync()).Trim().ShouldBe("1");
        (await acquasanta.Locator("td[data-indicatore=nei-termini]").InnerTextAsync()).Trim().ShouldBe("1");
        (await acquasanta.Locator("td[data-indicatore=quota]").InnerTextAsync()).Trim().ShouldBe("100,0 %");
        (await page.Locator("#indicatori tbody tr[data-ente=H769]").CountAsync()).ShouldBe(1);
        ((await page.Locator("#grafico-quote").TextContentAsync()) ?? "").ShouldContain("Acquasanta Terme");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "capofila-indicatori");

        // The exports: the same table as CSV, every table as Excel.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV (indicatori per ente e procedimento)" }).ClickAsync());
        var csvText = await File.ReadAllTextAsync(await csv.PathAsync());
        csvText.ShouldContain($"{Acquasanta},Acquasanta Terme,{Procedure},");
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel (.xlsx, tutte le tabelle)" }).ClickAsync());
        xlsx.SuggestedFilename.ShouldEndWith(".xlsx");
        var rows = MiniExcel.Query(await xlsx.PathAsync(), useHeaderRow: true, sheetName: "Indicatori", excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => Equals(r["Codice ente"], Acquasanta) && Equals(r["Procedimento"], Procedure));
        Convert.ToInt32(row["Pratiche aperte"]).ShouldBe(2);
        Convert.ToInt32(row["Decise nei termini"]).ShouldBe(1);

        // A figure leads to the cases behind it, and a case to its fascicolo.
        await acquasanta.Locator("td[data-indicatore=aperte] a").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/capofila/pratiche");
        (await page.Locator("#pratiche tbody tr").AllInnerTextsAsync()).Select(t => t.Split('\t')[0].Trim()).ShouldBe([refused, waiting], ignoreOrder: true);
        (await page.Locator($"#pratiche tr[data-pratica='{refused}'] .verdetto").InnerTextAsync()).ShouldBe("Nei termini");
        (await page.Locator($"#pratiche tr[data-pratica='{waiting}'] .verdetto").InnerTextAsync()).ShouldBe("In corso");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "capofila-pratiche");
        await page.GetByRole(AriaRole.Link, new() { Name = refused }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/pratiche/{refused}");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(refused);

        await page.GotoAsync($"/capofila/pratiche?indicatore=nei-termini&{filter}&ente=H769");
        (await page.Locator($"#pratiche tr[data-pratica='{inSanBenedetto}']").CountAsync()).ShouldBe(1);

        // The heatmap: the waiting SCIA stands on the formal check.
        await page.GotoAsync($"/capofila/definizioni/{Procedure}?ente={Acquasanta}");
        await page.Locator("#diagramma svg").WaitForAsync();
        (await page.Locator("#fasi tr[data-fase=formal-check] td").First.InnerTextAsync()).ShouldStartWith("1");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "capofila-fasi");
    }
}
