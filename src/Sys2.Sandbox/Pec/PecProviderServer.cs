using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// The provider's SMTP submission port (the SmtpServer package) on <c>Sandbox:Pec:SmtpPort</c> (0 = a
/// free one); what happens to a message is <see cref="PecProviderStore"/>'s.
/// </summary>
public sealed class PecProviderServer(PecProviderStore store, IOptions<PecSandboxOptions> options) : IHostedService, IDisposable
{
    private const string ServerName = "pec.sandbox.invalid";

    private readonly CancellationTokenSource _stopping = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _serving;

    /// <summary>The port actually listened on, known once the sink has started.</summary>
    public int Port { get; private set; }

    public string Host => options.Value.ListenAddress;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(ServerName)
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Parse(settings.ListenAddress), settings.SmtpPort)))
            .MaxMessageSize(settings.MaxMessageBytes)
            .CommandWaitTimeout(settings.IdleTimeout)
            .Build();

        // With port 0 the listener picks the port: it is known only when the listener has started.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add((IMessageStore)store);

        _server = new SmtpServer.SmtpServer(serverOptions, services);
        _serving = _server.StartAsync(_stopping.Token);
        Port = await (await Task.WhenAny(listening.Task, FailedAsync(_serving))).WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_serving is null) return;
        try
        {
            await _serving.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked.
        }
    }

    public void Dispose() => _stopping.Dispose();

    // A listener that cannot bind (port taken) ends the server's task before any port is known.
    private static async Task<int> FailedAsync(Task serving)
    {
        await serving;
        throw new InvalidOperationException("the PEC provider stopped before it listened");
    }
}
