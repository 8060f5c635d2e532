using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.MPay;

namespace Sys2.Integrations.Tests.MPay;

/// <summary>The host is down when MPay posts a receipt: MPay tries again on its schedule, not three times in a blink.</summary>
public sealed class when_a_receipt_cannot_be_delivered
{
    [Fact]
    public async Task it_is_delivered_again_after_a_minute_then_five_minutes_on_the_simulators_clock()
    {
        var clock = new ShiftableClock();
        await using var mpay = await MPayFixture.StartAsync(clock: clock);
        var dispatcher = mpay.Sandbox.Services.GetRequiredService<ReceiptDispatcher>();
        mpay.Receiver.RefuseNext = 2;
        var avviso = await mpay.RequestAsync(caseId: "c-2026-0043");

        (await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var first = (await mpay.Receiver.NextAsync(1)).Single();
        (await mpay.Receiver.ExtraWithinAsync(TimeSpan.FromMilliseconds(500))).ShouldBe(0); // not again at once
        var pending = await Until(() => dispatcher.PendingRetries, p => p.Count == 1, "the retry scheduled");
        pending.Single().Attempt.ShouldBe(2);
        pending.Single().DueAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromMinutes(1));
        (await mpay.Receiver.NextAsync(1)).Single().Body.ShouldBe(first.Body); // refused again: next in 5 minutes
        // The receiver records a body before it answers: the clock moves only once MPay has scheduled the next try.
        await Until(() => dispatcher.PendingRetries, p => p.Count == 1 && p[0].Attempt == 3, "the third try scheduled");
        clock.Advance(TimeSpan.FromMinutes(4));
        (await mpay.Receiver.ExtraWithinAsync(TimeSpan.FromMilliseconds(500))).ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = (await mpay.Receiver.NextAsync(1)).Single();

        third.Body.ShouldBe(first.Body);
        third.IdempotencyKey.ShouldBe(first.IdempotencyKey);
        await Until(() => dispatcher.Deliveries, d => d.Any(x => x.Outcome == "delivered"), "the delivery recorded");
        dispatcher.Deliveries.Select(d => (d.Attempt, d.Outcome)).ShouldBe([(1, "refused"), (2, "refused"), (3, "delivered")]);
        dispatcher.PendingRetries.ShouldBeEmpty();
    }

    [Fact]
    public void the_default_schedule_gives_up_within_a_day()
    {
        var schedule = new MPaySandboxOptions().RetryDelays();

        schedule[0].ShouldBe(TimeSpan.FromMinutes(1));
        schedule.Aggregate(TimeSpan.Zero, (sum, d) => sum + d).ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task a_paid_position_names_its_receipt_when_asked()
    {
        await using var mpay = await MPayFixture.StartAsync();
        var avviso = await mpay.RequestAsync(caseId: "c-2026-0044");
        var before = await mpay.Port.GetDebtPositionAsync("H769", avviso["iupd"]!.GetValue<string>(), CancellationToken.None);
        before.IsPaid.ShouldBeFalse();
        before.ReceiptId.ShouldBeNull();

        await mpay.PayAsync(avviso["noticeNumber"]!.GetValue<string>());
        var callback = (await mpay.Receiver.NextAsync(1)).Single();
        var after = await mpay.Port.GetDebtPositionAsync("H769", avviso["iupd"]!.GetValue<string>(), CancellationToken.None);

        after.IsPaid.ShouldBeTrue();
        after.ReceiptId.ShouldBe(callback.IdempotencyKey);
        after.PaidAt.ShouldNotBeNull();
    }

    private static async Task<T> Until<T>(Func<T> read, Func<T, bool> holds, string what)
    {
        for (var started = DateTime.UtcNow; DateTime.UtcNow - started < TimeSpan.FromSeconds(10); await Task.Delay(20))
            if (read() is var value && holds(value)) return value;
        throw new TimeoutException($"not within 10 s: {what}");
    }
}
