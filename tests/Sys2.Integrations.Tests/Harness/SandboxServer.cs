using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sys2.Sandbox;
using Sys2.Sandbox.Faults;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>
/// The sandbox simulators on a real Kestrel socket (127.0.0.1, a free port), so adapters are
/// tested over real HTTP. <see cref="Faults"/> changes a system's fault plan mid-test.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The sandbox root, e.g. <c>http://127.0.0.1:41234/sandbox/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public FaultInjector Faults => _app.Services.GetRequiredService<FaultInjector>();

    public Uri For(string system) => new(Address, system.Trim('/') + "/");

    public static async Task<SandboxServer> StartAsync(int seed = 2026, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Seed"] = seed.ToString() });
        configure?.Invoke(builder);
        builder.Services.AddSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapSandbox();
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(root.TrimEnd('/') + SandboxSetup.Prefix + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
