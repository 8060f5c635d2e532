using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Host.Integrations;
using Sys2.Host.Tests.Harness;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// Anyone who can reach the callback endpoint could mark a case paid. Receipts must be signed
/// with the secret shared with MPay, and pay the avviso the case itself issued.
/// </summary>
public sealed class when_a_receipt_is_forged : IAsyncLifetime
{
    private CaseHost _host = null!;
    private string _caseId = "";
    private string _notice = "";
    private long _amount;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_receipt_is_forged), scripted: false);
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

    private byte[] Receipt(string notice) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["tenant"] = "H769", ["iupd"] = $"SYS2-{_caseId}-request-payment", ["iuv"] = notice[1..], ["noticeNumber"] = notice,
        ["amount"] = _amount, ["paidAt"] = "2026-03-03T10:00:00.000Z", ["receiptId"] = Guid.NewGuid().ToString("N"),
        ["metadata"] = new JsonObject { ["caseId"] = _caseId, ["step"] = "request-payment" },
    }.ToJsonString());

    private async Task<HttpResponseMessage> Post(byte[] body, string? signature)
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, PaymentReceiptEndpoint.Path) { Content = new ByteArrayContent(body) };
        if (signature is not null) request.Headers.Add(CallbackSignature.Header, signature);
        return await http.SendAsync(request);
    }

    private string Secret => _host.Services.GetRequiredService<IOptions<MPayCallbackOptions>>().Value.CallbackSecret!;

    [Fact]
    public async Task an_unsigned_or_badly_signed_receipt_is_refused_and_appends_nothing()
    {
        var before = (await _host.EventsOf(_caseId)).Count;
        var body = Receipt(_notice);

        (await Post(body, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Post(body, CallbackSignature.Of("not-the-secret", body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await _host.EventsOf(_caseId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_signed_receipt_for_another_avviso_is_refused_naming_both()
    {
        var before = (await _host.EventsOf(_caseId)).Count;
        var other = "302000000001234559";
        var body = Receipt(other);

        var response = await Post(body, CallbackSignature.Of(Secret, body));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain(other);
        problem.ShouldContain(_notice);
        (await _host.EventsOf(_caseId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_signed_receipt_for_the_case_s_avviso_is_the_payment()
    {
        var body = Receipt(_notice);

        (await Post(body, CallbackSignature.Of(Secret, body))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _host.EventsOf(_caseId)).OfType<ExternalEventReceived>().Single().Payload["noticeNumber"]!.GetValue<string>().ShouldBe(_notice);
    }
}
