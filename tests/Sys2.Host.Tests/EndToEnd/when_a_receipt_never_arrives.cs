using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// The applicant pays, but MPay's receipt callback cannot reach the host (the address is down) and MPay gives up:
/// the host asks MPay for the position before the wait times out, and records the payment instead of reminding.
/// </summary>
public sealed class when_a_receipt_never_arrives : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CaseHost.StartAsync(nameof(when_a_receipt_never_arrives), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sandbox:MPay:CallbackUrl"] = "http://127.0.0.1:9/api/integrations/mpay/receipts", // nothing listens there
                ["Sandbox:MPay:RetrySchedule"] = "00:00:00.100",
                ["Sys2:Integrations:mpay:ReconcilePolling"] = "00:00:00.200",
            }),
            scripted: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_payment_is_recorded_by_reconciliation_before_the_timeout_and_the_late_callback_is_a_duplicate()
    {
        var avviso = await _host.SciaAwaitingPaymentAsync();
        var wait = (await _host.EventsOf(avviso.CaseId)).OfType<WaitStarted>().Single(w => w.Step == "await-payment");
        await _host.PayAsync(avviso.NoticeNumber);
        await Eventually.HoldsAsync(() => _host.Operator.GetJsonAsync<JsonArray>("/sandbox/mpay/callbacks"),
            d => d!.Any(x => x!["outcome"]!.GetValue<string>().StartsWith("given up", StringComparison.Ordinal)), "MPay to give up the receipt");

        // Not recorded yet: on the wait's first day the daily check is not due...
        (await _host.EventsOf(avviso.CaseId)).OfType<ExternalEventReceived>().ShouldBeEmpty();
        // ...half a day before the timeout the host asks MPay, and records what the callback would have.
        _host.Clock.Advance(wait.TimeoutAt!.Value - TimeSpan.FromHours(12) - _host.Clock.GetUtcNow());
        var events = await _host.WhenAsync(avviso.CaseId, e => e.OfType<ExternalEventReceived>().Any(r => r.Event == "payment-received"), "the payment reconciled");
        var payment = events.OfType<ExternalEventReceived>().Single(r => r.Event == "payment-received");
        payment.Payload["noticeNumber"]!.GetValue<string>().ShouldBe(avviso.NoticeNumber);
        payment.Payload["amount"]!.GetValue<long>().ShouldBe(avviso.Amount);
        var receiptId = payment.Payload["receiptId"]!.GetValue<string>();

        // The timeout passes: the case has moved on, nobody reminds the payer.
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        events = await _host.EventsOf(avviso.CaseId);
        events.OfType<WaitTimedOut>().ShouldBeEmpty();
        events.OfType<IntegrationRequested>().ShouldNotContain(r => r.Step == "payment-reminder");

        // MPay's callback, if it comes after all, is the same payment: a duplicate, not a second one.
        var body = Receipts.Body(avviso, receiptId: receiptId);
        var late = await _host.PostReceiptAsync(body, _host.Sign(body));
        late.StatusCode.ShouldBe(HttpStatusCode.OK, await late.Content.ReadAsStringAsync());
        (await _host.EventsOf(avviso.CaseId)).OfType<ExternalEventReceived>().Count(r => r.Event == "payment-received").ShouldBe(1);
    }
}
