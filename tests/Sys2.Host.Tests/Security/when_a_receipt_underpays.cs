using System.Net;
using Sys2.Host.Tests.Harness;
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
    private AwaitedAvviso _avviso = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_receipt_underpays), scripted: false);
        _avviso = await _host.SciaAwaitingPaymentAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PayAsync(long amount)
    {
        var body = Receipts.Body(_avviso, amount: amount);
        return _host.PostReceiptAsync(body, _host.Sign(body));
    }

    [Fact]
    public async Task it_is_refused_an_incident_is_raised_and_a_retry_waits_for_the_right_one()
    {
        var amount = _avviso.Amount;

        var answer = await PayAsync(amount - 100);

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var events = await _host.EventsOf(_avviso.CaseId);
        events.OfType<ExternalEventReceived>().ShouldBeEmpty();
        var incident = events.OfType<IncidentRaised>().ShouldHaveSingleItem();
        incident.Step.ShouldBe("await-payment");
        incident.Reason.ShouldContain($"event.amount = {amount - 100}");
        incident.Reason.ShouldContain($"vars.noticeAmount = {amount}");

        // Until an operator retries, the step waits for nothing: even the right receipt is told to come back later.
        (await PayAsync(amount)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var retried = await _host.Operator.PostAsync($"/api/cases/{_avviso.CaseId}/incidents/await-payment/retry",
            new { commandId = Guid.NewGuid(), expectedVersion = events.Count });
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        (await PayAsync(amount)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.EventsOf(_avviso.CaseId)).OfType<ExternalEventReceived>().ShouldHaveSingleItem().Payload["amount"]!.GetValue<long>().ShouldBe(amount);
    }
}
