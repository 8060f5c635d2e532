using Sys2.Integrations;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;

namespace Sys2.Integrations.Tests.Notifications;

public sealed class when_a_notification_channel_misbehaves
{
    [Fact]
    public async Task an_smtp_server_that_keeps_answering_451_is_retried_then_reported_as_transient()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        notify.Sandbox.Faults.Set("smtp", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() => notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant())));

        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("451");
        notify.Inbox.Transactions.ShouldBe(3);
        (await notify.MailTo("mario.rossi@pec.it")).Count.ShouldBe(0);
    }

    [Fact]
    public async Task an_smtp_server_that_does_not_answer_in_time_is_a_transient_failure()
    {
        await using var notify = await NotificationsFixture.StartAsync(tuneSmtp: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        });
        notify.Sandbox.Faults.Set("smtp", new FaultSettings { Timeouts = 1, TimeoutDelay = TimeSpan.FromSeconds(3) });

        var failure = await Should.ThrowAsync<IntegrationException>(() => notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant())));

        failure.Transient.ShouldBeTrue(failure.ToString());
        failure.Message.ShouldContain("no answer within 300 ms");
    }

    [Fact]
    public async Task sms_gateway_errors_are_retried_then_reported_as_transient()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        notify.Sandbox.Faults.Set("sms", new FaultSettings { ServerErrors = 1 });

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null))));

        failure.Transient.ShouldBeTrue();
        notify.Counter.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task a_gateway_answer_about_another_number_is_malformed_and_names_the_field()
    {
        await using var notify = await NotificationsFixture.StartAsync(new AttemptCounter(tamper: json => json["to"] = "+390000000000"));

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null))));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'to'");
    }

    [Fact]
    public async Task a_gateway_answer_without_an_id_is_malformed_and_names_the_field()
    {
        await using var notify = await NotificationsFixture.StartAsync(new AttemptCounter(tamper: json => json.Remove("id")));

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null))));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("field 'id' is missing");
    }
}
