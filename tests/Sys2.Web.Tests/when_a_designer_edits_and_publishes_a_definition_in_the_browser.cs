using Microsoft.Playwright;
using Sys2.Host.Tests.Harness;

namespace Sys2.Web.Tests;

/// <summary>
/// A designer copies the SCIA into a definition of her own (the web tests share one host: suap.scia stays as it is),
/// breaks it in the editor and sees the problem at its line as she types and after saving, fixes it, compares the
/// draft with the published version, sees a failing scenario at its line refuse publication, and publishes once the
/// scenarios pass.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_a_designer_edits_and_publishes_a_definition_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task an_error_shows_at_its_line_and_the_fixed_draft_is_published_once_its_scenarios_pass()
    {
        var id = $"prova.scia-{Guid.NewGuid():N}"[..19];
        var page = await workspace.SignedInAsync(TestAccounts.ElenaSarti, "/progettista");
        (await page.Locator("#definizioni").InnerTextAsync()).ShouldContain("suap.scia");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista");

        // A copy of the SCIA, with its scenarios, as the first draft of a new definition; published as it is.
        await page.GotoAsync("/progettista/suap.scia");
        (await page.Locator("#versioni").InnerTextAsync()).ShouldContain("sistema");
        await page.GetByLabel("Identificativo della copia").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Duplica" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/progettista/{id}/modifica");
        await page.GotoAsync($"/progettista/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pubblica la versione 1" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Pubblicata la versione 1");

        // A step that goes nowhere: Monaco marks it at its line as she types, and saving is refused naming the line.
        await page.GotoAsync($"/progettista/{id}/modifica");
        var yaml = await EditorTextAsync(page);
        var broken = yaml.Replace("next: formal-check", "next: formal-chek");
        var line = LineOf(broken, "next: formal-chek");
        await TypeAsync(page, broken);
        await page.WaitForFunctionAsync("line => [...document.querySelectorAll('#problemi li')].some(li => li.dataset.riga === String(line))", line);
        (await page.EvaluateAsync<int[]>("() => monaco.editor.getModelMarkers({ owner: 'sys2' }).map(m => m.startLineNumber)")).ShouldContain(line);
        (await page.Locator("#problemi").InnerTextAsync()).ShouldContain("formal-chek");
        (await page.EvaluateAsync<string[]>("() => JSON.parse(document.getElementById('suggerimenti').textContent).map(h => h.key)")).ShouldContain("onExpiry");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-editor-errore");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Non salvata");
        (await page.Locator("#problemi").InnerTextAsync()).ShouldContain($"riga {line}");

        // Fixed (and a step's title reworded): a new draft, drawn beside the text.
        await EditorTextAsync(page);
        await TypeAsync(page, yaml.Replace("Verifica di completezza formale", "Verifica formale della completezza"));
        await page.WaitForFunctionAsync("() => document.getElementById('problemi').dataset.controllo && document.querySelectorAll('#problemi li').length === 0");
        await page.WaitForSelectorAsync("#diagramma svg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Salvata la versione 2");
        await page.WaitForSelectorAsync("#diagramma svg");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-editor");

        // What changed from the published version: the step, with its old and new title.
        await page.GetByRole(AriaRole.Link, new() { Name = "Confronta con la versione pubblicata (1)" }).ClickAsync();
        var changed = await page.Locator(".differenza[data-nome='formal-check']").InnerTextAsync();
        changed.ShouldContain("modificato");
        changed.ShouldContain("Verifica di completezza formale");
        changed.ShouldContain("Verifica formale della completezza");
        (await page.Locator("#differenze .differenza").CountAsync()).ShouldBe(1);
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-confronto");

        // A scenario expecting another date fails at its line, and publishing is refused while it does.
        await page.GotoAsync($"/progettista/{id}/modifica");
        var scenarios = await page.Locator("#scenari").InputValueAsync();
        scenarios.ShouldContain($"definition: {id}");
        var wrong = ReplaceFirst(scenarios, "due: 2026-05-02", "due: 2026-05-04");
        var expectation = LineOf(wrong, "due: 2026-05-04");
        await page.Locator("#scenari").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Esegui gli scenari" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Scenari falliti");
        (await page.Locator("#fallimenti li").First.GetAttributeAsync("data-riga")).ShouldBe(expectation.ToString());
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-scenari-falliti");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Scenari salvati");
        await page.GotoAsync($"/progettista/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pubblica la versione 2" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("non è stata pubblicata");
        (await page.Locator("#motivi").InnerTextAsync()).ShouldContain($"scenari.yaml:{expectation}:");

        // The scenarios put right pass, and the draft is published: the version before is retired.
        await page.GotoAsync($"/progettista/{id}/modifica");
        await page.Locator("#scenari").FillAsync(scenarios);
        await page.GetByRole(AriaRole.Button, new() { Name = "Esegui gli scenari" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Scenari superati");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        await page.GotoAsync($"/progettista/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pubblica la versione 2" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Pubblicata la versione 2");
        var second = await page.Locator("#versioni tbody tr").First.InnerTextAsync();
        second.ShouldContain("pubblicata");
        second.ShouldContain(TestAccounts.ElenaSarti.DisplayName);
        (await page.Locator("#versioni tbody tr").Last.InnerTextAsync()).ShouldContain("ritirata");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Migrazione dei casi (what-if)" }).GetAttributeAsync("href")).ShouldBe($"/progettista/{id}/migrazione");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-definizione");
    }

    [Fact]
    public async Task a_new_definition_starts_from_a_valid_draft_and_a_copy_under_a_taken_id_is_refused()
    {
        var id = $"prova.nuova-{Guid.NewGuid():N}"[..20];
        var page = await workspace.SignedInAsync(TestAccounts.ElenaSarti, "/progettista");
        await page.GetByLabel("Identificativo (es. suap.nuovo-procedimento)").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Scrivi la bozza" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/progettista/{id}/modifica");
        (await page.Locator("#riepilogo-problemi").InnerTextAsync()).ShouldBe("Nessun problema.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva la bozza" }).ClickAsync();
        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Salvata la versione 1 (bozza)");

        await page.GotoAsync($"/progettista/{id}");
        (await page.Locator("#versioni tbody tr").First.InnerTextAsync()).ShouldContain("bozza");
        await page.GetByLabel("Identificativo della copia").FillAsync("suap.scia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Duplica" }).ClickAsync();
        (await page.Locator("#motivi").InnerTextAsync()).ShouldContain("a definition 'suap.scia' already exists");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_person_who_does_not_design_definitions_is_refused()
    {
        var page = await workspace.SignedInAsync(TestAccounts.ChiaraNeri, "/");
        (await page.GotoAsync("/progettista/suap.scia/modifica"))!.Status.ShouldBe(403);
    }

    /// <summary>The editor's text once Monaco has loaded (the page's own script exposes the editor).</summary>
    private static async Task<string> EditorTextAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.sys2Editor !== undefined");
        return await page.EvaluateAsync<string>("() => window.sys2Editor.getValue()");
    }

    private static Task TypeAsync(IPage page, string text) => page.EvaluateAsync("text => window.sys2Editor.setValue(text)", text);

    private static int LineOf(string text, string what) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(what, StringComparison.Ordinal)).i + 1;

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
