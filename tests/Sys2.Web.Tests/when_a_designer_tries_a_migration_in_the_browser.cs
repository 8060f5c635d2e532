using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions.Loading;
using Sys2.Workflows.Runtime;

namespace Sys2.Web.Tests;

/// <summary>
/// A designer publishes a version that renames a step, runs the what-if migration of the running cases, moves the
/// safe ones in bulk and the one standing on the renamed step with a mapping. Nothing moves before she says so.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_a_designer_tries_a_migration_in_the_browser(Workspace workspace)
{
    private const string Id = "prova.migrazione";

    private const string Version1 = """
        id: prova.migrazione
        title: Prova di migrazione
        kind: suap
        legalBasis: L. 241/1990 art. 2
        inputs:
          oggetto: { type: string, required: true }
        start: esame
        steps:
          esame:
            task: { role: clerk, office: SUAP }
            outcomes: { avanti: firma }
          firma:
            task: { role: clerk, office: SUAP }
            outcomes: { firma: chiusa }
          chiusa:
            end: approved
        """;

    /// <summary>Version 2: the signature is the manager's, in a step of its own name.</summary>
    private static readonly string Version2 = Version1
        .Replace("outcomes: { avanti: firma }", "outcomes: { avanti: firma-dirigente }")
        .Replace("  firma:\n    task: { role: clerk, office: SUAP }", "  firma-dirigente:\n    task: { role: manager, office: SUAP }");

    private static readonly Actor Clerk = new("chiara.neri", "clerk", "SUAP");

    [Fact]
    public async Task the_safe_cases_move_in_bulk_and_the_other_with_its_mapping()
    {
        var host = workspace.Host;
        await PublishAsync(Version1);
        var atExam = new[] { await OpenAsync("prima"), await OpenAsync("seconda") };
        var atSignature = await OpenAsync("terza");
        (await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", atSignature, null,
            new CompleteTask("esame", "avanti", new JsonObject(), Clerk), Clerk))).Status.ShouldBe(CommandStatus.Accepted);
        var published = await PublishAsync(Version2);

        var page = await workspace.SignedInAsync(TestAccounts.ElenaSarti, $"/progettista/{Id}/migrazione");
        (await page.Locator("#conteggi").InnerTextAsync()).ShouldContain("3 pratiche analizzate");
        (await page.Locator("#conteggio-sicure").InnerTextAsync()).ShouldBe("2 sicure");
        (await page.Locator("#conteggio-mappatura").InnerTextAsync()).ShouldBe("1 da mappare");
        var toMap = page.Locator($".pratica-da-decidere[data-pratica='{atSignature}']");
        (await toMap.InnerTextAsync()).ShouldContain("Passi senza corrispondenza nella versione 2: firma");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "progettista-migrazione");

        // Nothing moved by looking.
        foreach (var caseId in atExam.Append(atSignature))
            (await host.EventsOf(caseId)).OfType<CaseMigrated>().ShouldBeEmpty();

        await page.Locator("#migra-sicure").GetByRole(AriaRole.Button, new() { Name = "Migra le pratiche sicure scelte" }).ClickAsync();
        var outcome = await page.Locator("#esito-migrazione").InnerTextAsync();
        foreach (var caseId in atExam)
        {
            outcome.ShouldContain($"{caseId}: migrata");
            var migrated = (await host.EventsOf(caseId)).OfType<CaseMigrated>().ShouldHaveSingleItem();
            (migrated.ToVersion, migrated.MigratedBy, migrated.Reason).ShouldBe((published, "elena.sarti", $"Passaggio alla versione {published} di {Id}"));
        }
        (await page.Locator("#conteggio-sicure").InnerTextAsync()).ShouldBe("0 sicure");

        // The one on the renamed step, checked with a mapping first: the signature step is the manager's now, so the
        // new version would have assigned it otherwise: it diverges, and moves only when she accepts that.
        toMap = page.Locator($".pratica-da-decidere[data-pratica='{atSignature}']");
        await toMap.GetByLabel("Dal passo «firma» al passo").SelectOptionAsync("firma-dirigente");
        await toMap.GetByRole(AriaRole.Button, new() { Name = "Verifica con questa mappatura" }).ClickAsync();
        var check = page.Locator("#verifica");
        var checkText = await check.InnerTextAsync();
        checkText.ShouldContain("Diverge");
        checkText.ShouldContain("registrato «TaskAssigned firma-dirigente (clerk/SUAP)»; con la versione 2 «TaskAssigned firma-dirigente (manager/SUAP)»");
        checkText.ShouldContain("Compiti aggiunti: firma-dirigente (manager/SUAP)");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();

        await check.GetByRole(AriaRole.Button, new() { Name = "Migra questa pratica" }).ClickAsync();
        (await page.Locator("#esito-migrazione").InnerTextAsync()).ShouldContain($"{atSignature}: non migrata diverges");
        (await host.EventsOf(atSignature)).OfType<CaseMigrated>().ShouldBeEmpty();

        toMap = page.Locator($".pratica-da-decidere[data-pratica='{atSignature}']");
        await toMap.GetByLabel("Dal passo «firma» al passo").SelectOptionAsync("firma-dirigente");
        // Bootstrap Italia draws the box on the label, which is where a person clicks.
        await toMap.Locator("label", new() { HasText = "Se diverge, ho letto la divergenza" }).ClickAsync();
        (await toMap.GetByLabel("Se diverge, ho letto la divergenza e sposto comunque la pratica").IsCheckedAsync()).ShouldBeTrue();
        await toMap.GetByRole(AriaRole.Button, new() { Name = "Migra questa pratica" }).ClickAsync();
        (await page.Locator("#esito-migrazione").InnerTextAsync()).ShouldContain($"{atSignature}: migrata");
        var events = await host.EventsOf(atSignature);
        events.OfType<CaseMigrated>().ShouldHaveSingleItem().Mapping.ShouldBe(new Dictionary<string, string> { ["firma"] = "firma-dirigente" });
        events.OfType<TaskAssigned>().Last().ShouldSatisfyAllConditions(t => t.Step.ShouldBe("firma-dirigente"), t => t.Role.ShouldBe("manager"));
        (await page.Locator("#conteggi").InnerTextAsync()).ShouldContain("0 pratiche analizzate");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    private async Task<int> PublishAsync(string yaml)
    {
        var load = DefinitionLoader.LoadText($"{Id}.yaml", yaml);
        load.Problems.ShouldBeEmpty();
        return (await workspace.Host.Definitions.SaveAndPublishAsync(load.Definition!, yaml)).Version;
    }

    private async Task<string> OpenAsync(string subject)
    {
        var outcome = await workspace.Host.Cases.OpenAsync(Guid.NewGuid(), "H769", Id, new JsonObject { ["oggetto"] = subject }, Clerk);
        outcome.Status.ShouldBe(CommandStatus.Accepted, outcome.Error);
        return outcome.CaseId;
    }
}
