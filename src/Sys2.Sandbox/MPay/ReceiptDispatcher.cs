using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sys2.Integrations.MPay;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.MPay;

/// <summary>
/// Posts receipts to the configured callback URL, one at a time, after the payment's request
/// has been answered (pagoPA's receipts are asynchronous). Honours the fault plan of
/// <c>mpay</c>: a duplicate delivery sends the same receipt twice, out-of-order holds receipts
/// for a window and sends them newest first. A delivery that fails (no answer, 5xx, 409, 429) is
/// tried again on <see cref="MPaySandboxOptions.RetrySchedule"/>, on the simulator's clock, so a
/// test moves past an hour's wait by moving the clock; a receipt waiting for its retry does not
/// hold up the others.
/// </summary>
public sealed class ReceiptDispatcher(IHttpClientFactory clients, FaultInjector faults, IOptions<MPaySandboxOptions> options, TimeProvider clock)
    : BackgroundService
{
    public const string ClientName = "mpay-receipts";

    private const string FaultSystem = "mpay";

    private readonly Channel<JsonObject> _queue = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ReceiptDelivery> _deliveries = [];
    private readonly List<PendingRetry> _retries = [];

    private sealed record PendingRetry(JsonObject Receipt, int Attempt, DateTimeOffset DueAt);

    public sealed record ReceiptDelivery(string ReceiptId, string NoticeNumber, int Attempt, int? Status, string Outcome);

    public void Enqueue(JsonObject receipt) => _queue.Writer.TryWrite(receipt);

    public IReadOnlyList<ReceiptDelivery> Deliveries
    {
        get { lock (_gate) return _deliveries.ToList(); }
    }

    /// <summary>Receipts waiting for their next delivery, and when it is due on the simulator's clock.</summary>
    public IReadOnlyList<(string ReceiptId, int Attempt, DateTimeOffset DueAt)> PendingRetries
    {
        get { lock (_gate) return [.. _retries.Select(r => (r.Receipt["receiptId"]?.GetValue<string>() ?? "", r.Attempt, r.DueAt))]; }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DispatchAsync(stoppingToken), RetryAsync(stoppingToken));

    private async Task RetryAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(options.Value.RetryPolling, ct);
                List<PendingRetry> due;
                lock (_gate)
                {
                    var now = clock.GetUtcNow();
                    due = [.. _retries.Where(r => r.DueAt <= now)];
                    foreach (var retry in due) _retries.Remove(retry);
                }
                foreach (var retry in due) await DeliverAsync(retry.Receipt, retry.Attempt, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<JsonObject>();
                var plan = faults.For(FaultSystem);
                if (plan.OutOfOrderCallbacks)
                {
                    await Task.Delay(options.Value.OutOfOrderWindow, stoppingToken);
                    while (_queue.Reader.TryRead(out var held)) batch.Add(held);
                    batch.Reverse();
                }
                else if (_queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                foreach (var receipt in batch)
                {
                    var copies = faults.Draw(FaultSystem, plan.DuplicateCallbacks) ? 2 : 1;
                    for (var copy = 0; copy < copies; copy++) await DeliverAsync(receipt, 1, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(JsonObject receipt, int attempt, CancellationToken ct)
    {
        var settings = options.Value;
        var receiptId = receipt["receiptId"]?.GetValue<string>() ?? "";
        var notice = receipt["noticeNumber"]?.GetValue<string>() ?? "";
        if (settings.CallbackUrl is null)
        {
            Record(new ReceiptDelivery(receiptId, notice, 0, null, $"not sent: {MPaySandboxOptions.Section}:CallbackUrl is not set"));
            return;
        }

        var http = clients.CreateClient(ClientName);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.DeliveryTimeout);
            var body = JsonSerializer.SerializeToUtf8Bytes(receipt);
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.CallbackUrl)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            // The receiver dedupes on this, exactly as it must for a PSP's repeated receipt.
            request.Headers.Add("Idempotency-Key", receiptId);
            if (settings.CallbackSecret is { Length: > 0 } secret)
                request.Headers.Add(CallbackSignature.Header, CallbackSignature.Of(secret, body));
            using var response = await http.SendAsync(request, timeout.Token);
            Record(new ReceiptDelivery(receiptId, notice, attempt, (int)response.StatusCode, response.IsSuccessStatusCode ? "delivered" : "refused"));
            // 409 (the case does not wait for it yet) and 429 are worth another delivery, like 5xx.
            if (response.IsSuccessStatusCode || (int)response.StatusCode < 500 && (int)response.StatusCode is not (409 or 429)) return;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            Record(new ReceiptDelivery(receiptId, notice, attempt, null, $"failed: {e.Message}"));
        }

        var schedule = settings.RetryDelays();
        if (attempt > schedule.Count)
        {
            Record(new ReceiptDelivery(receiptId, notice, attempt, null, $"given up after {attempt} deliveries"));
            return;
        }
        lock (_gate) _retries.Add(new PendingRetry(receipt, attempt + 1, clock.GetUtcNow() + schedule[attempt - 1]));
    }

    private void Record(ReceiptDelivery delivery)
    {
        lock (_gate) _deliveries.Add(delivery);
    }
}
