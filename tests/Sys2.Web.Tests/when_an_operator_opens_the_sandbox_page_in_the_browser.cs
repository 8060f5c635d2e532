using Microsoft.AspNetCore.Hosting;
using Sys2.Host.Tests.Harness;

namespace Sys2.Web.Tests;

/// <summary>In a sandbox run the operator finds the simulators' controls and her entity's inboxes; elsewhere the page does not exist.</summary>
[Collection(WorkspaceCollection.Name)]
public sealed class when_an_operator_opens_the_sandbox_page_in_the_browser(Workspace workspace)
{
    [Fact]
    public async Task a_sandbox_run_lists_the_controls_and_the_inboxes()
    {
        var address = new Uri($"http://127.0.0.1:{Workspace.FreePort()}/");
        await using var sandbox = await CaseHost.StartAsync("web_sandbox", builder =>
        {
            builder.WebHost.UseUrls(address.ToString().TrimEnd('/'));
            builder.Configuration["Sys2:SignIn:Issuer"] = address.ToString();
        }, scripted: false);

        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore/sandbox", address);
        var controls = await page.Locator("#comandi").InnerTextAsync();
        controls.ShouldContain("/sandbox/mail/messages?entity=H769");
        controls.ShouldContain("/sandbox/intermediamarche/deliveries");
        (await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sandbox" }).CountAsync()).ShouldBe(1);
        (await Workspace.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await Workspace.ScreenshotAsync(page, "operatore-sandbox");

        // A clerk is no operator.
        var clerk = await workspace.SignedInAsync(TestAccounts.ChiaraNeri, "/", address);
        (await clerk.GotoAsync("/operatore/sandbox"))!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task outside_a_sandbox_run_there_is_no_sandbox_page()
    {
        var page = await workspace.SignedInAsync(TestAccounts.LucaMoretti, "/operatore");
        (await page.GotoAsync("/operatore/sandbox"))!.Status.ShouldBe(404);
    }
}
