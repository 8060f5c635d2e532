using Sys2.Integrations;
using Sys2.Integrations.Notifications;

namespace Sys2.Integrations.Tests.Notifications;

public sealed class when_an_applicant_is_notified
{
    [Fact]
    public async Task a_party_with_an_email_address_gets_an_email()
    {
        await using var notify = await NotificationsFixture.StartAsync();

        var result = await notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(), notes: "Manca la procura speciale"));

        result["channel"]!.GetValue<string>().ShouldBe("email");
        result["to"]!.GetValue<string>().ShouldBe("mario.rossi@pec.it");
        var mail = (await notify.MailTo("mario.rossi@pec.it")).ShouldHaveSingleItem()!;
        mail["messageId"]!.GetValue<string>().ShouldBe(result["messageId"]!.GetValue<string>());
        mail["subject"]!.GetValue<string>().ShouldBe("Ricevuta SCIA prot. 0000123 del 2026-11-02");
        mail["template"]!.GetValue<string>().ShouldBe("scia-receipt");
        var text = mail["text"]!.GetValue<string>();
        text.ShouldContain("Gentile Mario Rossi");
        text.ShouldContain("Note: Manca la procura speciale");
        text.ShouldContain("San Benedetto del Tronto");
    }

    [Fact]
    public async Task a_redelivered_call_leaves_one_email_in_the_mailbox()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        var input = NotificationsFixture.Notice(NotificationsFixture.Applicant());

        var first = await notify.NotifyAsync(input);
        var again = await notify.NotifyAsync(input);

        again["messageId"]!.GetValue<string>().ShouldBe(first["messageId"]!.GetValue<string>());
        first["messageId"]!.GetValue<string>().ShouldEndWith("@sys2.test");
        notify.Inbox.Transactions.ShouldBe(2);
        (await notify.MailTo("mario.rossi@pec.it")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_line_starting_with_a_dot_arrives_intact()
    {
        await using var notify = await NotificationsFixture.StartAsync();

        await notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(), notes: "Allegare:\r\n.planimetria in scala 1:100\r\n."));

        var text = (await notify.MailTo("mario.rossi@pec.it")).Single()!["text"]!.GetValue<string>().ReplaceLineEndings("\n");
        text.ShouldContain("\n.planimetria in scala 1:100\n.\n");
    }

    [Fact]
    public async Task a_party_with_only_a_phone_gets_one_sms_cut_to_160_gsm_characters()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        var subject = "SCIA prot. 0000123: misure di conformazione entro 30 giorni – è necessario adeguare i locali";

        var result = await notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null), subject, notes: new string('x', 200)));

        result["channel"]!.GetValue<string>().ShouldBe("sms");
        result["to"]!.GetValue<string>().ShouldBe("+390735581234");
        var sms = (await notify.SmsTo("+390735581234")).ShouldHaveSingleItem()!;
        sms["id"]!.GetValue<string>().ShouldBe(result["messageId"]!.GetValue<string>());
        var text = sms["text"]!.GetValue<string>();
        text.ShouldStartWith("San Benedetto del Tronto: SCIA prot. 0000123: misure di conformazione entro 30 giorni - è necessario");
        text.ShouldEndWith("...");
        sms["septets"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(160);
        GsmText.Septets(text).ShouldBe(160);
    }

    [Fact]
    public async Task the_sms_gateway_sends_once_per_step_visit_whatever_the_attempt()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        var input = NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null));

        var first = await notify.NotifyAsync(input);
        var again = await notify.NotifyAsync(input);
        var nextAttempt = await notify.NotifyAsync(input, attempt: 2);

        again["messageId"]!.GetValue<string>().ShouldBe(first["messageId"]!.GetValue<string>());
        // The key is per visit of the step: a retry after a lost answer must not text the applicant twice.
        nextAttempt["messageId"]!.GetValue<string>().ShouldBe(first["messageId"]!.GetValue<string>());
        (await notify.SmsTo("+390735581234")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_supplier_is_notified_the_same_way()
    {
        await using var notify = await NotificationsFixture.StartAsync();
        var supplier = new System.Text.Json.Nodes.JsonObject { ["fiscalCode"] = "02123450443", ["name"] = "Edil Marche S.r.l.", ["email"] = "amministrazione@pec.edilmarche.it" };

        var result = await notify.NotifyAsync(NotificationsFixture.Notice(supplier, "Fattura n. 12: accettata (EC01)"), NotificationsNotifyHandler.Supplier);

        result["channel"]!.GetValue<string>().ShouldBe("email");
        (await notify.MailTo("amministrazione@pec.edilmarche.it")).Single()!["subject"]!.GetValue<string>().ShouldBe("Fattura n. 12: accettata (EC01)");
    }

    [Fact]
    public async Task a_party_with_neither_email_nor_phone_cannot_be_notified_and_is_named()
    {
        await using var notify = await NotificationsFixture.StartAsync();

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            notify.NotifyAsync(NotificationsFixture.Notice(NotificationsFixture.Applicant(email: null, phone: null))));

        failure.Transient.ShouldBeFalse();
        failure.Message.ShouldContain("Mario Rossi has neither an email address nor a phone number");
    }
}
