using System.Text;
using Sys2.Integrations.MPay;

namespace Sys2.Integrations.Tests.MPay;

public sealed class when_a_receipt_callback_is_checked
{
    private static string Body(string notice = "302000000001234559", string iuv = "02000000001234559", string amount = "5000", string metadata = """{"caseId":"c-1"}""") =>
        $$"""{"tenant":"H769","iupd":"SYS2-c-1-request-payment","iuv":"{{iuv}}","noticeNumber":"{{notice}}","amount":{{amount}},"paidAt":"2026-11-26T10:00:00.000Z","receiptId":"r-1","metadata":{{metadata}}}""";

    private static IReadOnlyList<string> Problems(string body)
    {
        PaymentReceiptParser.TryParse(Encoding.UTF8.GetBytes(body), out _, out var problems);
        return problems;
    }

    [Fact]
    public void a_well_formed_receipt_becomes_the_payment_received_payload()
    {
        PaymentReceiptParser.TryParse(Encoding.UTF8.GetBytes(Body()), out var receipt, out _).ShouldBeTrue();

        var payload = receipt.ToEventPayload();
        payload["paidAt"]!.GetValue<string>().ShouldBe("2026-11-26T10:00:00.000Z");
        payload["noticeNumber"]!.GetValue<string>().ShouldBe("302000000001234559");
        payload["amount"]!.GetValue<long>().ShouldBe(5000);
        PaymentReceipt.EventName.ShouldBe("payment-received");
    }

    [Fact]
    public void a_notice_number_with_wrong_check_digits_is_named() =>
        Problems(Body(notice: "302000000001234558")).ShouldContain(p => p.StartsWith("noticeNumber:") && p.Contains("check digits"));

    [Fact]
    public void an_iuv_that_is_not_the_avvisos_is_named() =>
        Problems(Body(iuv: "01000000001234562")).ShouldContain(p => p.StartsWith("iuv:"));

    [Fact]
    public void a_zero_amount_is_refused() =>
        Problems(Body(amount: "0")).ShouldContain("amount: must be positive, got 0");

    [Fact]
    public void a_receipt_without_its_case_cannot_be_routed() =>
        Problems(Body(metadata: "{}")).ShouldContain(p => p.StartsWith("metadata.caseId"));

    [Fact]
    public void a_body_that_is_not_json_is_refused_without_throwing() =>
        Problems("<ricevuta/>").ShouldHaveSingleItem().ShouldStartWith("body: not JSON");
}
