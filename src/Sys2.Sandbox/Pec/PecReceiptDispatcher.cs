using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Pec;
using Sys2.Integrations.Wire;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// Posts each ricevuta di consegna (avvenuta or mancata) to the configured callback URL once its delay
/// has passed, signed with the shared secret exactly as MPay's receipts are, and delivers it again on a
/// 5xx, 409 or 429, or a failure to connect. Honours the <c>pec</c> plan's duplicate callbacks.
/// </summary>
public sealed class PecReceiptDispatcher : BackgroundService
{
    public const string ClientName = "pec-receipts";

    private readonly Channel<PecReceipt> _queue = Channel.CreateUnbounded<PecReceipt>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ReceiptDelivery> _deliveries = [];
    private readonly IHttpClientFactory _clients;
    private readonly FaultInjector _faults;
    private readonly PecProvider _provider;
    private readonly IOptions<PecSandboxOptions> _options;

    public sealed record ReceiptDelivery(string ReceiptId, string MessageId, int Attempt, int? Status, string Outcome);

    public PecReceiptDispatcher(IHttpClientFactory clients, FaultInjector faults, PecProvider provider, IOptions<PecSandboxOptions> options)
    {
        _clients = clients;
        _faults = faults;
        _provider = provider;
        _options = options;
        provider.DeliveryDue += (message, delay) => _ = LaterAsync(message, delay);
    }

    public IReadOnlyList<ReceiptDelivery> Deliveries
    {
        get { lock (_gate) return _deliveries.ToList(); }
    }

    // The consegna is certified a moment after the accettazione, at the provider's clock, then posted.
    private async Task LaterAsync(PecProvider.Accepted message, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay);
        _queue.Writer.TryWrite(_provider.Certify(message));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var receipt in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var copies = _faults.Draw(PecProvider.FaultSystem, _faults.For(PecProvider.FaultSystem).DuplicateCallbacks) ? 2 : 1;
                for (var copy = 0; copy < copies; copy++) await DeliverAsync(receipt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(PecReceipt receipt, CancellationToken ct)
    {
        var settings = _options.Value;
        if (settings.CallbackUrl is null)
        {
            Record(new ReceiptDelivery(receipt.ReceiptId, receipt.MessageId, 0, null, $"not sent: {PecSandboxOptions.Section}:CallbackUrl is not set"));
            return;
        }

        var http = _clients.CreateClient(ClientName);
        var body = JsonSerializer.SerializeToUtf8Bytes(receipt, WireJson.Options);
        for (var attempt = 1; attempt <= Math.Max(1, settings.DeliveryAttempts); attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(settings.DeliveryTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.CallbackUrl)
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Add("Idempotency-Key", receipt.ReceiptId);
                if (settings.CallbackSecret is { Length: > 0 } secret)
                    request.Headers.Add(CallbackSignature.Header, CallbackSignature.Of(secret, body));
                using var response = await http.SendAsync(request, timeout.Token);
                Record(new ReceiptDelivery(receipt.ReceiptId, receipt.MessageId, attempt, (int)response.StatusCode, response.IsSuccessStatusCode ? "delivered" : "refused"));
                if (response.IsSuccessStatusCode || (int)response.StatusCode < 500 && (int)response.StatusCode is not (409 or 429)) return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                Record(new ReceiptDelivery(receipt.ReceiptId, receipt.MessageId, attempt, null, $"failed: {e.Message}"));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
        }
    }

    private void Record(ReceiptDelivery delivery)
    {
        lock (_gate) _deliveries.Add(delivery);
    }
}
