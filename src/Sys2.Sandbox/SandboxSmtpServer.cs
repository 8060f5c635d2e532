using System.Net;
using Microsoft.Extensions.Hosting;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace Sys2.Sandbox;

/// <summary>Where a sandbox SMTP server listens and what it takes: 0 as the port takes a free one.</summary>
public sealed record SmtpListenSettings(string ListenAddress, int SmtpPort, int MaxMessageBytes, TimeSpan IdleTimeout);

/// <summary>
/// An SMTP server of the sandbox (the SmtpServer package) on a TCP port, started and stopped with the host. The
/// protocol is the library's; what happens to a message is <paramref name="store"/>'s. The mail sink and the PEC
/// provider differ only in that store and in their settings.
/// </summary>
public abstract class SandboxSmtpServer(IMessageStore store, string serverName, string description, Func<SmtpListenSettings> settings)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _serving;

    /// <summary>The port actually listened on, known once the server has started.</summary>
    public int Port { get; private set; }

    public string Host => settings().ListenAddress;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = settings();
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Parse(listen.ListenAddress), listen.SmtpPort)))
            .MaxMessageSize(listen.MaxMessageBytes)
            .CommandWaitTimeout(listen.IdleTimeout)
            .Build();

        // With port 0 the listener picks the port: it is known only when the listener has started.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(store);

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

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    // A listener that cannot bind (port taken) ends the server's task before any port is known.
    private async Task<int> FailedAsync(Task serving)
    {
        await serving;
        throw new InvalidOperationException($"{description} stopped before it listened");
    }
}
