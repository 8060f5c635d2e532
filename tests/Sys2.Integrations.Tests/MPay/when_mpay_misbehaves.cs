using Sys2.Integrations;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;

namespace Sys2.Integrations.Tests.MPay;

public sealed class when_mpay_misbehaves
{
    [Fact]
    public async Task server_errors_are_retried_and_then_reported_as_transient()
    {
        await using var mpay = await MPayFixture.StartAsync();
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("503");
        mpay.Counter.Attempts.ShouldBe(3, failure.ToString()); // the first try and MaxRetries = 2
    }

    [Fact]
    public async Task a_server_error_followed_by_an_answer_is_a_success()
    {
        MPayFixture? fixture = null;
        var counter = new AttemptCounter(afterAttempt: n => { if (n == 1) fixture!.Sandbox.Faults.Set("mpay", FaultSettings.None); });
        await using var mpay = fixture = await MPayFixture.StartAsync(counter);
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { ServerErrors = 1 });

        var result = await mpay.RequestAsync();

        result["status"]!.GetValue<string>().ShouldBe("VALID");
        counter.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task after_repeated_failures_the_circuit_opens_and_calls_fail_fast_without_reaching_mpay()
    {
        await using var mpay = await MPayFixture.StartAsync(tune: o =>
        {
            o.BreakerMinimumThroughput = 2;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        });
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { ServerErrors = 1 });
        await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());
        var attemptsBefore = mpay.Counter.Attempts;
        mpay.Sandbox.Faults.Set("mpay", FaultSettings.None);

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync(caseId: "c-2026-0002"));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("circuit open");
        mpay.Counter.Attempts.ShouldBe(attemptsBefore);
    }

    [Fact]
    public async Task a_system_that_does_not_answer_in_time_is_a_transient_failure()
    {
        await using var mpay = await MPayFixture.StartAsync(tune: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
            o.MaxRetries = 1;
        });
        mpay.Sandbox.Faults.Set("mpay", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(5) });

        var started = DateTime.UtcNow;
        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("no answer within 200 ms");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task an_avviso_with_wrong_check_digits_in_the_answer_is_malformed_and_named()
    {
        var counter = new AttemptCounter(tamper: json => json["paymentOption"]![0]!["nav"] = "302000000001234558");
        await using var mpay = await MPayFixture.StartAsync(counter);

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'paymentOption[0].nav'");
        failure.Message.ShouldContain("check digits");
    }

    [Fact]
    public async Task an_answer_without_a_status_is_malformed_and_named()
    {
        var counter = new AttemptCounter(tamper: json => json.Remove("status"));
        await using var mpay = await MPayFixture.StartAsync(counter);

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'status' is missing");
    }

    [Fact]
    public async Task an_answer_that_is_not_json_is_malformed()
    {
        await using var mpay = await MPayFixture.StartAsync(new AttemptCounter(replaceBody: "<html>proxy error</html>"));

        var failure = await Should.ThrowAsync<IntegrationException>(() => mpay.RequestAsync());

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("not JSON");
    }
}
