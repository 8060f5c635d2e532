using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Host.Integrations;
using Sys2.Host.Tests.Harness;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Security;

/// <summary>
/// A receipt signed by MPay, for the avviso the case issued, that pays another amount: the wait's
/// <c>check</c> refuses it, nothing is recorded as paid, and an incident tells the operator, who
/// retries the step once the payment is settled; the right receipt then moves the case on.
/// </summary>
public sealed class when_a_receipt_underpays : IAsyncLifetime
{
    private CaseHost _host = null!;
    private string _caseId = "";
    private string _notice = "";
    private long _amount;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_receipt_underpays), scripted: false);
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", Scia.Inputs(), Scia.Sportello);
        _caseId = opened.CaseId;
        await _host.WhenAsync(_caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check");
        (await _host.CompleteAsync(_caseId, "formal-check", "complete")).Status.ShouldBe(Sys2.Host.Cases.CommandStatus.Accepted);
        var events = await _host.WhenAsync(_caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"), "the avviso");
        var avviso = events.OfType<VariablesSet>().Last(v => v.Values.ContainsKey("noticeNumber")).Values;
        _notice = avviso["noticeNumber"]!.GetValue<string>();
        _amount = avviso["noticeAmount"]!.GetValue<long>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> PostReceiptAsync(long amount)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["tenant"] = "H769", ["iupd"] = $"SYS2-{_caseId}-request-payment", ["iuv"] = _notice[1..], ["noticeNumber"] = _notice,
            ["amount"] = amount, ["paidAt"] = "2026-03-03T10:00:00.000Z", ["receiptId"] = Guid.NewGuid().ToString("N"),
            ["metadata"] = new JsonObject { ["caseId"] = _caseId, ["step"] = "request-payment" },
        }.ToJsonString());
        var secret = _host.Services.GetRequiredService<IOptions<MPayCallbackOptions>>().Value.CallbackSecret!;
        using var http = new HttpClient { BaseAddress = _host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, PaymentReceiptEndpoint.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(CallbackSignature.Header, CallbackSignature.Of(secret, body));
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task it_is_refused_an_incident_is_raised_and_a_retry_waits_for_the_right_one()
    {
        var answer = await PostReceiptAsync(_amount - 100);

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var events = await _host.EventsOf(_caseId);
        events.OfType<ExternalEventReceived>().ShouldBeEmpty();
        var incident = events.OfType<IncidentRaised>().ShouldHaveSingleItem();
        incident.Step.ShouldBe("await-payment");
        incident.Reason.ShouldContain($"event.amount = {_amount - 100}");
        incident.Reason.ShouldContain($"vars.noticeAmount = {_amount}");

        // Until an operator retries, the step waits for nothing: even the right receipt is told to come back later.
        (await PostReceiptAsync(_amount)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var retried = await _host.Operator.PostAsync($"/api/cases/{_caseId}/incidents/await-payment/retry",
            new { commandId = Guid.NewGuid(), expectedVersion = events.Count });
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        (await PostReceiptAsync(_amount)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.EventsOf(_caseId)).OfType<ExternalEventReceived>().ShouldHaveSingleItem().Payload["amount"]!.GetValue<long>().ShouldBe(_amount);
    }
}
