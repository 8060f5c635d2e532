using System.Net;
using System.Text;
using Sys2.Integrations.MPay;
using Sys2.Sandbox.Faults;
using Sys2.Sandbox.MPay;
using Sys2.Workflows.Tenants;

namespace Sys2.Integrations.Tests.MPay;

public sealed class when_an_applicant_pays_an_avviso
{
    [Fact]
    public async Task the_receipt_is_posted_to_the_callback_url_and_finds_its_case()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync(caseId: "c-2026-0042");
        var notice = avviso["noticeNumber"]!.GetValue<string>();

        (await mpay.PayAsync(notice)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var callback = (await mpay.Receiver.NextAsync(1)).Single();
        PaymentReceiptParser.TryParse(Encoding.UTF8.GetBytes(callback.Body), out var receipt, out var problems).ShouldBeTrue(string.Join("; ", problems));
        receipt.CaseId.ShouldBe("c-2026-0042");
        receipt.Tenant.ShouldBe("H769");
        receipt.Iupd.ShouldBe(avviso["iupd"]!.GetValue<string>());
        receipt.NoticeNumber.Value.ShouldBe(notice);
        receipt.Amount.ShouldBe(5000);
        receipt.PaidAt.ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        callback.IdempotencyKey.ShouldBe(receipt.ReceiptId);

        var payload = receipt.ToEventPayload();
        payload.Select(p => p.Key).ShouldBe(["paidAt", "noticeNumber", "iuv", "amount", "receiptId"], ignoreOrder: true);
        payload["iuv"]!.GetValue<string>().ShouldBe(avviso["iuv"]!.GetValue<string>());
    }

    [Fact]
    public void the_same_seed_gives_the_same_receipts_and_another_seed_other_ones()
    {
        static string ReceiptId(int seed)
        {
            var ledger = new MPayLedger(new SegregationCodes(EntityCatalogue.Load()), TimeProvider.System, seed);
            var created = (MPayLedger.Created)ledger.Create("H769", "k-1", MPayFixture.CreationBody(), publish: true);
            var notice = created.Position["paymentOption"]![0]!["nav"]!.GetValue<string>();
            return ((MPayLedger.Paid)ledger.Pay(notice)).Receipt["receiptId"]!.GetValue<string>();
        }

        ReceiptId(7).ShouldBe(ReceiptId(7));
        ReceiptId(8).ShouldNotBe(ReceiptId(7));
    }

    [Fact]
    public async Task the_position_is_then_paid_and_cannot_be_paid_again()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync();

        await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());
        var again = await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await mpay.Port.GetDebtPositionAsync("H769", avviso["iupd"]!.GetValue<string>(), CancellationToken.None)).Status.ShouldBe(DebtPositionStatus.Paid);
        (await mpay.Receiver.NextAsync(1)).Count.ShouldBe(1);
        (await mpay.Receiver.ExtraWithinAsync(TimeSpan.FromMilliseconds(300))).ShouldBe(0);
    }

    [Fact]
    public async Task an_avviso_not_paid_by_its_due_date_expires_and_can_no_longer_be_paid()
    {
        var clock = new Harness.ShiftableClock();
        await using var mpay = await MPayFixture.StartAsync(clock: clock);
        var avviso = await mpay.RequestAsync();
        var iupd = avviso["iupd"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromDays(30));
        (await mpay.Port.GetDebtPositionAsync("H769", iupd, CancellationToken.None)).Status.ShouldBe(DebtPositionStatus.Valid);
        clock.Advance(TimeSpan.FromDays(1));
        (await mpay.Port.GetDebtPositionAsync("H769", iupd, CancellationToken.None)).Status.ShouldBe(DebtPositionStatus.Expired);

        var pay = await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());
        pay.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await pay.Content.ReadAsStringAsync()).ShouldContain("EXPIRED");
    }

    [Fact]
    public async Task an_avviso_with_wrong_check_digits_cannot_be_paid()
    {
        await using var mpay = await MPayFixture.StartAsync();

        var response = await mpay.PayAsync("302000000001234558");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("check digits");
    }

    [Fact]
    public async Task a_duplicate_callback_is_delivered_twice_when_injected()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync();
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { DuplicateCallbacks = 1 });

        await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());

        var callbacks = await mpay.Receiver.NextAsync(2);
        callbacks[1].Body.ShouldBe(callbacks[0].Body);
        callbacks[1].IdempotencyKey.ShouldBe(callbacks[0].IdempotencyKey);
    }

    [Fact]
    public async Task out_of_order_callbacks_arrive_newest_first()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var first = await mpay.RequestAsync(caseId: "c-first");
        var second = await mpay.RequestAsync(caseId: "c-second");
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { OutOfOrderCallbacks = true });

        await mpay.PayAsync(first["noticeNumber"]!.GetValue<string>());
        await mpay.PayAsync(second["noticeNumber"]!.GetValue<string>());

        var callbacks = await mpay.Receiver.NextAsync(2);
        callbacks[0].Body.ShouldContain(second["noticeNumber"]!.GetValue<string>());
        callbacks[1].Body.ShouldContain(first["noticeNumber"]!.GetValue<string>());
    }
}
