using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Notifications;

/// <summary>
/// A small SMTP server on a TCP port (<c>Sandbox:Mail:SmtpPort</c>, 0 = a free one) that keeps
/// every message in the <see cref="MailInbox"/> instead of delivering it.
/// </summary>
public sealed class SmtpSink(MailInbox inbox, FaultInjector faults, IOptions<MailSandboxOptions> options) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _accepting;

    /// <summary>The port actually listened on, known once the sink has started.</summary>
    public int Port { get; private set; }

    public string Host => options.Value.ListenAddress;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new TcpListener(IPAddress.Parse(options.Value.ListenAddress), options.Value.SmtpPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_accepting is not null) await _accepting;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _listener?.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                await new SmtpSession(stream, inbox, faults, options.Value).RunAsync(ct);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or was idle too long: nothing to answer.
            }
        }
    }
}
