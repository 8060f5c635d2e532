using System.Net;
using Sys2.Host.Tests.Harness;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// Anyone who can reach the callback endpoint could mark a case paid. Receipts must be signed
/// with the secret shared with MPay, and pay the avviso the case itself issued.
/// </summary>
/// <remarks>One host for the class; each test has a case of its own awaiting its avviso.</remarks>
public sealed class when_a_receipt_is_forged(SandboxHost<when_a_receipt_is_forged> shared) : IClassFixture<SandboxHost<when_a_receipt_is_forged>>, IAsyncLifetime
{
    private readonly CaseHost _host = shared.ForNextTest();
    private AwaitedAvviso _avviso = null!;

    public async Task InitializeAsync() => _avviso = await _host.SciaAwaitingPaymentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task an_unsigned_or_badly_signed_receipt_is_refused_and_appends_nothing()
    {
        var before = (await _host.EventsOf(_avviso.CaseId)).Count;
        var body = Receipts.Body(_avviso);

        (await _host.PostReceiptAsync(body, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.PostReceiptAsync(body, CallbackSignature.Of("not-the-secret", body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await _host.EventsOf(_avviso.CaseId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_signed_receipt_for_another_avviso_is_refused_naming_both()
    {
        var before = (await _host.EventsOf(_avviso.CaseId)).Count;
        var other = "302000000001234559";
        var body = Receipts.Body(_avviso, noticeNumber: other);

        var response = await _host.PostReceiptAsync(body, _host.Sign(body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain(other);
        problem.ShouldContain(_avviso.NoticeNumber);
        (await _host.EventsOf(_avviso.CaseId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_signed_receipt_for_the_case_s_avviso_is_the_payment()
    {
        var body = Receipts.Body(_avviso);

        (await _host.PostReceiptAsync(body, _host.Sign(body))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _host.EventsOf(_avviso.CaseId)).OfType<ExternalEventReceived>().Single().Payload["noticeNumber"]!.GetValue<string>().ShouldBe(_avviso.NoticeNumber);
    }
}
