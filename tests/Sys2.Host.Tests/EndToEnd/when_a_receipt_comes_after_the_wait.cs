using System.Net;
using Sys2.Host.Integrations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// The applicant pays after the payment wait timed out (and was reminded): the receipt is recorded on the case as late,
/// not refused with 409 forever, and the case stays where it went. A receipt no case takes is kept for an operator.
/// </summary>
public sealed class when_a_receipt_comes_after_the_wait : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_a_receipt_comes_after_the_wait), scripted: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task it_is_recorded_as_late_without_moving_the_case()
    {
        var avviso = await _host.SciaAwaitingPaymentAsync();
        _host.Clock.Advance(TimeSpan.FromDays(16));
        await _host.WhenAsync(avviso.CaseId, e => e.OfType<WaitTimedOut>().Any(), "the wait's timeout");
        var before = await _host.WhenAsync(avviso.CaseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "control-review"), "the control after the reminder");

        var body = Receipts.Body(avviso);
        var answer = await _host.PostReceiptAsync(body, _host.Sign(body));
        var again = await _host.PostReceiptAsync(body, _host.Sign(body));

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await _host.EventsOf(avviso.CaseId);
        var added = after.Skip(before.Count).ToList();
        var late = added.OfType<ExternalEventReceived>().ShouldHaveSingleItem();
        added.ShouldNotContain(e => e is TaskAssigned || e is WaitStarted || e is VariablesSet); // the case did not move
        late.Token.ShouldBe(ExternalEventReceived.LateToken);
        late.Step.ShouldBe("await-payment");
        late.Payload["noticeNumber"]!.GetValue<string>().ShouldBe(avviso.NoticeNumber);
    }

    [Fact]
    public async Task a_receipt_for_another_avviso_is_kept_for_an_operator()
    {
        var avviso = await _host.SciaAwaitingPaymentAsync();
        var other = "302000000009999914"; // a well-formed avviso (mod 93), not this case's

        var body = Receipts.Body(avviso, noticeNumber: other);
        var answer = await _host.PostReceiptAsync(body, _host.Sign(body));

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _host.EventsOf(avviso.CaseId)).OfType<ExternalEventReceived>().ShouldBeEmpty();
        var kept = (await UnmatchedPayments.OfAsync(_host.Store, "H769")).ShouldHaveSingleItem();
        kept.NoticeNumber.ShouldBe(other);
        kept.CaseId.ShouldBe(avviso.CaseId);
        kept.Source.ShouldBe("callback");
    }
}
