using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sys2.Integrations.MPay;
using Sys2.Integrations.SdI;
using Sys2.Integrations.Wire;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// Posts SdI's messages (NE, SE, DT) to the entity, one at a time, after the call that caused them
/// has been answered, as SdI does. A receiver that answers 409 (the case is not yet waiting for
/// it) or fails gets the message again later, with a growing pause, up to the configured attempts.
/// </summary>
public sealed class SdiNotifier(IHttpClientFactory clients, SimulatedSdi sdi, IOptions<IntermediaMarcheSandboxOptions> options) : BackgroundService
{
    public const string ClientName = "intermediamarche-callbacks";

    private readonly Channel<(SimulatedSdi.DeliveredFile File, string Type, string FileName, byte[] Xml)> _queue =
        Channel.CreateUnbounded<(SimulatedSdi.DeliveredFile, string, string, byte[])>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(SimulatedSdi.DeliveredFile file, string type, string fileName, byte[] xml) => _queue.Writer.TryWrite((file, type, fileName, xml));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (file, type, name, xml) in _queue.Reader.ReadAllAsync(stoppingToken))
                _ = DeliverAsync(file, type, name, xml, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(SimulatedSdi.DeliveredFile file, string type, string fileName, byte[] xml, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.NotificationUrl is null)
        {
            sdi.Record(file, new SimulatedSdi.SentMessage(type, fileName, DateTimeOffset.UtcNow, $"not sent: {IntermediaMarcheSandboxOptions.Section}:NotificationUrl is not set"));
            return;
        }
        var delay = settings.RetryDelay;
        for (var attempt = 1; attempt <= settings.DeliveryAttempts && !ct.IsCancellationRequested; attempt++)
        {
            var status = await PostAsync(clients.CreateClient(ClientName), settings, settings.NotificationUrl, new DeliveryBody(fileName, Convert.ToBase64String(xml)), ct);
            if (status is HttpStatusCode.OK or HttpStatusCode.Accepted || (int)status is >= 400 and < 500 and not 409)
            {
                sdi.Record(file, new SimulatedSdi.SentMessage(type, fileName, DateTimeOffset.UtcNow, $"{(int)status} after {attempt} attempt(s)"));
                return;
            }
            try { await Task.Delay(delay, ct); }
            catch (OperationCanceledException) { return; }
            delay *= 2;
        }
        sdi.Record(file, new SimulatedSdi.SentMessage(type, fileName, DateTimeOffset.UtcNow, $"given up after {settings.DeliveryAttempts} attempts"));
    }

    /// <summary>One signed post; a network failure counts as a 503 (try again).</summary>
    private static async Task<HttpStatusCode> PostAsync(HttpClient http, IntermediaMarcheSandboxOptions settings, Uri url, DeliveryBody body, CancellationToken ct)
    {
        try
        {
            return (await SignedPost.SendAsync(http, settings, url, body, ct)).Status;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }
}
