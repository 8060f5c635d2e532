using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sys2.Host.Cases;
using Sys2.Host.Integrations;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Harness;

/// <summary>The avviso a case issued and now waits to see paid.</summary>
public sealed record AwaitedAvviso(string CaseId, string NoticeNumber, long Amount);

/// <summary>MPay's receipt callbacks as a test writes them: well formed, for a case's avviso, signed or not.</summary>
public static class Receipts
{
    /// <summary>A SCIA past its formal check, waiting for the receipt of the avviso MPay issued for its fees.</summary>
    public static async Task<AwaitedAvviso> SciaAwaitingPaymentAsync(this CaseHost host)
    {
        var opened = await host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", Scia.Inputs(), Scia.Sportello);
        await host.WhenAsync(opened.CaseId, e => e.OfType<TaskAssigned>().Any(), "the formal check");
        (await host.CompleteAsync(opened.CaseId, "formal-check", "complete")).Status.ShouldBe(CommandStatus.Accepted);
        var events = await host.WhenAsync(opened.CaseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"), "the avviso");
        var avviso = events.OfType<VariablesSet>().Last(v => v.Values.ContainsKey("noticeNumber")).Values;
        return new AwaitedAvviso(opened.CaseId, avviso["noticeNumber"]!.GetValue<string>(), avviso["noticeAmount"]!.GetValue<long>());
    }

    /// <summary>The receipt's body: for the avviso, unless another notice number or amount is given.</summary>
    public static byte[] Body(AwaitedAvviso avviso, string? noticeNumber = null, long? amount = null, string? receiptId = null)
    {
        var notice = noticeNumber ?? avviso.NoticeNumber;
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["tenant"] = "H769", ["iupd"] = $"SYS2-{avviso.CaseId}-request-payment", ["iuv"] = notice[1..], ["noticeNumber"] = notice,
            ["amount"] = amount ?? avviso.Amount, ["paidAt"] = "2026-03-03T10:00:00.000Z", ["receiptId"] = receiptId ?? Guid.NewGuid().ToString("N"),
            ["metadata"] = new JsonObject { ["caseId"] = avviso.CaseId, ["step"] = "request-payment" },
        }.ToJsonString());
    }

    /// <summary>The signature MPay would put on the body, with the secret the host shares with it.</summary>
    public static string Sign(this CaseHost host, byte[] body) =>
        CallbackSignature.Of(host.Services.GetRequiredService<IOptions<MPayCallbackOptions>>().Value.CallbackSecret!, body);

    public static async Task<HttpResponseMessage> PostReceiptAsync(this CaseHost host, byte[] body, string? signature)
    {
        using var http = new HttpClient { BaseAddress = host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, PaymentReceiptEndpoint.Path) { Content = new ByteArrayContent(body) };
        if (signature is not null) request.Headers.Add(CallbackSignature.Header, signature);
        return await http.SendAsync(request);
    }
}
