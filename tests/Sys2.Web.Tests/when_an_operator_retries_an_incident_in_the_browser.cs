using Microsoft.Playwright;
using Sys2.Host.Tests.Harness;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Web.Tests;

/// <summary>The operator sees the entity's open incidents and retries one with the same command the API sends.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_operator_retries_an_incident_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task the_retry_calls_the_regional_system_again()
    {
        var host = workspace.Host;
        host.Activities.FailNext("procedimarche.lookup", 1, transient: false);
        var caseId = await host.FileAsync();
        await host.WhenAsync(caseId, e => e.OfType<IncidentRaised>().Any(), "an incident");

        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        var row = page.Locator("#incidenti tbody tr", new() { HasText = caseId });
        (await row.InnerTextAsync()).ShouldContain("procedimarche.lookup");
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await row.GetByRole(AriaRole.Button).ClickAsync();

        (await page.Locator("#esito").InnerTextAsync()).ShouldContain("Nuovo tentativo avviato");
        await host.WhenAsync(caseId, e => e.OfType<IncidentResolved>().Any(), "the incident resolved by the retry");
    }
}
