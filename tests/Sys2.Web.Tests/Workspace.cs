using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Sys2.Host.Tests.Harness;

namespace Sys2.Web.Tests;

/// <summary>
/// One host (real PostgreSQL, the embedded sign-in, scripted regional systems) and one headless Chromium for
/// every browser test: starting either is most of a test's time. Debian's chromium, never a downloaded one,
/// without its sandbox since CI runs as root.
/// </summary>
public sealed class Workspace : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public CaseHost Host { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does it.");
        // The provider's issuer is the address the browser reaches it at, so the host's own OpenID Connect
        // client finds its metadata there: a fixed port, known before the start.
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        Host = await CaseHost.StartAsync("web_pages", builder =>
        {
            builder.WebHost.UseUrls(Address.ToString().TrimEnd('/'));
            builder.Configuration["Sys2:SignIn:Issuer"] = Address.ToString();
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A fresh browser (no cookies) signed in through the real sign-in: the pages' redirect, the provider's login page, back.</summary>
    public Task<IPage> SignedInAsync(TestAccount account, string path = "/") => SignedInAsync(account, path, Address);

    /// <summary>The same against another host a test started (e.g. with the sandbox's simulators), at <paramref name="address"/>.</summary>
    public async Task<IPage> SignedInAsync(TestAccount account, string path, Uri address)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = address.ToString(), Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var answer = await page.GotoAsync(path);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/login", $"a page without a session sends the browser to sign in; it answered {answer?.Status}: {await page.ContentAsync()}");
        await page.GetByLabel("Nome utente").FillAsync(account.UserName);
        await page.GetByLabel("Password").FillAsync(TestAccount.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path.Split('?')[0]);
        return page;
    }

    /// <summary>
    /// axe-core (from npm, the version package-lock.json pins) run on the page against WCAG 2.1 A and AA; the
    /// violations that are serious or critical, each with its rule and where.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(Sys2.Host.RepositoryRoot.Find(), "src", "Sys2.Host", "node_modules", "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))
            """);
        return [.. violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {v.GetProperty("nodes")}")];
    }

    /// <summary>
    /// A screenshot for the README: into docs/screenshots of the checkout when <c>SYS2_SCREENSHOTS=1</c> (to refresh
    /// the committed ones), else into the test's output folder, so an ordinary run leaves the checkout as it was.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SYS2_SCREENSHOTS") == "1"
            ? Path.Combine(Sys2.Host.RepositoryRoot.Find(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class WorkspaceCollection : ICollectionFixture<Workspace>
{
    public const string Name = "workspace";
}
