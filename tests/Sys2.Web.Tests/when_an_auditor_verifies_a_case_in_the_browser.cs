using System.Text;
using Microsoft.Playwright;
using Sys2.Host.Cases;
using Sys2.Host.Cases.Dossiers;
using Sys2.Host.Cli;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Xunit.Abstractions;

namespace Sys2.Web.Tests;

/// <summary>
/// The auditor of San Benedetto del Tronto in a browser: finds a closed SCIA among the entity's cases, reads it as it
/// stood at an earlier version, sees its chain verified against the anchors, downloads its dossier through the page;
/// the dossier verifies offline with the real <c>verify-dossier</c> command (no database), and fails once one byte of
/// it is changed. Another entity's case does not exist for her.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_auditor_verifies_a_case_in_the_browser(Workspace workspace, ITestOutputHelper output)
{
    private static readonly Actor Operator = new("luca.moretti", "operator", "");

    private CaseHost Host => workspace.Host;

    private async Task<string> WithdrawnSciaAsync()
    {
        var caseId = await Host.FileAsync();
        var events = await Host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "formal-check"), "the formal check");
        // An operator's correction by hand: the auditor must see it marked.
        var corrected = await Host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, events.Count,
            new CorrectVariable("formalNotes", "istanza completa", "nota trascritta dal verbale cartaceo", Operator), Operator));
        corrected.Status.ShouldBe(CommandStatus.Accepted, corrected.Error);
        var withdrawn = await Host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, events.Count + 1,
            new WithdrawCase("rinuncia del richiedente", Scia.Sportello), Scia.Sportello));
        withdrawn.Status.ShouldBe(CommandStatus.Accepted, withdrawn.Error);
        await Host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case closed");
        return caseId;
    }

    [Fact]
    public async Task she_views_a_closed_case_at_an_earlier_version_and_its_dossier_verifies_offline()
    {
        var caseId = await WithdrawnSciaAsync();
        var page = await workspace.SignedInAsync(TestAccounts.AnnaBianchi, "/revisore?stato=chiuse");

        var row = page.Locator("#pratiche tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain("chiusa");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "revisore");

        await row.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await page.WaitForURLAsync($"**/revisore/pratiche/{caseId}");
        (await page.Locator("#stato-attuale").InnerTextAsync()).ShouldContain("chiusa");
        (await page.Locator("#catena").InnerTextAsync()).ShouldContain("Catena integra");
        (await page.Locator("#timeline").InnerTextAsync()).ShouldContain("Pratica aperta");
        (await page.Locator("#eventi").InnerTextAsync()).ShouldContain("CaseClosed");
        (await page.Locator("#regole").InnerTextAsync()).ShouldContain("chiude la pratica");
        (await page.Locator("#eventi tr.correzione").InnerTextAsync()).ShouldContain("VariableCorrected");
        (await page.Locator("#timeline li.correzione").InnerTextAsync()).ShouldContain("Correzione dell'operatore");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "revisore-pratica");

        // An earlier version: the case was still open then.
        await page.Locator("#versione").FillAsync("2");
        await page.GetByRole(AriaRole.Form, new() { Name = "Stato a una versione" }).GetByRole(AriaRole.Button, new() { Name = "Mostra" }).ClickAsync();
        await page.WaitForURLAsync($"**/revisore/pratiche/{caseId}?versione=2");
        var shown = await page.Locator("#stato-mostrato").InnerTextAsync();
        shown.ShouldContain("Stato passato: versione 2");
        shown.ShouldContain("pratica aperta");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "revisore-versione");

        // A moment, on the engine's clock in Italian time: before the filing the case did not exist; after it, all of it.
        await page.GotoAsync($"/revisore/pratiche/{caseId}?al=2026-03-02T08:00");
        (await page.Locator("#errore").InnerTextAsync()).ShouldContain("non esisteva ancora");
        await page.GotoAsync($"/revisore/pratiche/{caseId}?al=2026-03-02T10:00");
        (await page.Locator("#stato-mostrato").InnerTextAsync()).ShouldContain("Stato attuale");

        // The dossier, through the page, and the installation's published key.
        var folder = Directory.CreateTempSubdirectory("sys2-auditor-");
        try
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#scarica-dossier").ClickAsync());
            download.SuggestedFilename.ShouldBe(DossierFormat.FileName(caseId));
            var file = Path.Combine(folder.FullName, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            var key = Path.Combine(folder.FullName, "sys2-dossier-key.pem");
            var published = await page.APIRequest.GetAsync(Sys2.Host.Features.Auditors.DossierKeyEndpoint.Path);
            await File.WriteAllTextAsync(key, await published.TextAsync());
            (await page.Locator("#impronta").InnerTextAsync()).ShouldBe(DossierVerifier.FingerprintOf(await File.ReadAllTextAsync(key)));

            var (code, report) = await VerifyDossierAsync(file, "--public-key", key);
            output.WriteLine(report);
            code.ShouldBe(0, report);
            report.ShouldContain("origin proved");

            var bytes = await File.ReadAllBytesAsync(file);
            bytes[bytes.AsSpan().IndexOf("CaseClosed"u8)] ^= 0x01;
            await File.WriteAllBytesAsync(file, bytes);
            (code, report) = await VerifyDossierAsync(file, "--public-key", key);
            output.WriteLine(report);
            code.ShouldBe(1, report);
            report.ShouldContain("ALTERED");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // The history as CSV, through the page: one row per event, with its hash.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#scarica-csv").ClickAsync());
        var csvPath = await csv.PathAsync();
        var lines = (await File.ReadAllLinesAsync(csvPath!, Encoding.UTF8)).Where(l => l.Length > 0).ToList();
        lines.Count.ShouldBe((await Host.EventsOf(caseId)).Count + 1);
        lines[0].ShouldContain("\"hash\"");

        // Another entity's case does not exist for her.
        (await page.GotoAsync($"/revisore/pratiche/SUAP-D542-2026-0000001"))!.Status.ShouldBe(404);
    }

    /// <summary>The real command line, in process: no configuration and no database are given to it.</summary>
    private static async Task<(int Code, string Output)> VerifyDossierAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await HostCommandLine.RunAsync(["verify-dossier", .. args], stdout, stderr);
        return (code, stdout + stderr.ToString());
    }
}
