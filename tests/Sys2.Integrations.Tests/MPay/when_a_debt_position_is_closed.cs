using System.Net;
using Sys2.Integrations.MPay;

namespace Sys2.Integrations.Tests.MPay;

/// <summary>A case closes without the payment: its avviso is closed in MPay (GPD's invalidate) and can no longer be paid.</summary>
public sealed class when_a_debt_position_is_closed
{
    [Fact]
    public async Task an_unpaid_position_becomes_invalid_and_its_avviso_cannot_be_paid()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync(caseId: "c-2026-0050");
        var iupd = avviso["iupd"]!.GetValue<string>();

        var closed = await mpay.Port.CloseDebtPositionAsync("H769", iupd, CancellationToken.None);
        var again = await mpay.Port.CloseDebtPositionAsync("H769", iupd, CancellationToken.None);

        closed.Status.ShouldBe(DebtPositionStatus.Invalid);
        again.Status.ShouldBe(DebtPositionStatus.Invalid);
        (await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_paid_position_is_not_closed_and_answers_its_payment()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync(caseId: "c-2026-0051");
        await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());

        var answer = await mpay.Port.CloseDebtPositionAsync("H769", avviso["iupd"]!.GetValue<string>(), CancellationToken.None);

        answer.Status.ShouldBe(DebtPositionStatus.Paid);
        answer.ReceiptId.ShouldNotBeNull();
    }
}
