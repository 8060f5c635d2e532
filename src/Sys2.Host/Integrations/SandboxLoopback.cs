using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sys2.Host.Integrations;

/// <summary>
/// Points the adapters at the sandbox mounted in this very host. The adapters are registered
/// before the server has chosen its port, so they address <c>http://sandbox.loopback/…</c> and
/// this handler swaps in the address the server actually listens on. The calls still go over
/// real HTTP, through the adapters' resilience pipelines.
/// </summary>
public sealed class SandboxLoopback(IServer server) : DelegatingHandler
{
    public const string Host = "sandbox.loopback";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { Host: Host } uri)
            request.RequestUri = new UriBuilder(uri) { Scheme = Listening.Scheme, Host = Listening.Host, Port = Listening.Port }.Uri;
        return base.SendAsync(request, ct);
    }

    private Uri Listening => _listening ??= Find();

    private Uri? _listening;

    private Uri Find()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the host does not listen on HTTP: the sandbox cannot be reached");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        // A wildcard binding (http://+:8080, http://[::]:8080) is reached through the loopback interface.
        var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
        return uri;
    }
}
