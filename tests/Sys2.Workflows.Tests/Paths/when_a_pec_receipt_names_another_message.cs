using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Ordinario;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// The preavviso's ten days run from the ricevuta di consegna of the PEC that carried it. A receipt the PEC endpoint posts
/// for another message of the same case (a second act, a courtesy PEC) must not be taken as the act's: the wait's
/// <c>match:</c> compares the receipt's <c>messageId</c> (the provider's id, which the endpoint puts in every
/// <c>delivery-receipt</c>) with the one <c>pec.send</c> answered (<c>vars.preavvisoMessageId</c>). A receipt filed at the
/// counter (the raccomandata A/R after a mancata consegna) has no PEC channel and is taken as before.
/// </summary>
/// <remarks>
/// The line is proposed for <c>await-notice-receipt</c> in workflows/suap/ordinario.yaml (and the two such waits of
/// workflows/sue/permesso-di-costruire.yaml), which this branch does not edit: the test puts it in the definition's text when
/// the shipped file does not have it yet, and checks the shipped line once it does.
/// </remarks>
public class when_a_pec_receipt_names_another_message
{
    public const string MatchLine = "match: \"event.channel !== 'pec' || event.messageId === vars.preavvisoMessageId\"";

    private const string ActMessageId = "PEC-20260302-000917"; // what the PEC provider accepted the preavviso as (Ordinario's pecMessageId)

    private static readonly object Rejection = new
    {
        notes = "Locali privi dei requisiti igienico-sanitari",
        reasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)",
    };

    private static readonly WorkflowDefinition WithMatch = TestDefinitions.FromYaml(OrdinarioWithMatch(), "suap/ordinario.yaml");

    /// <summary>The shipped text with the <c>match:</c> in <c>await-notice-receipt</c>'s wait, unless it already has one.</summary>
    private static string OrdinarioWithMatch()
    {
        var yaml = File.ReadAllText(Path.Combine(Repository.Workflows, "suap/ordinario.yaml")).ReplaceLineEndings("\n");
        var step = yaml.IndexOf("\n  await-notice-receipt:\n", StringComparison.Ordinal);
        step.ShouldBeGreaterThan(0);
        var end = yaml.IndexOf("\n    out:", step, StringComparison.Ordinal);
        if (yaml[step..end].Contains("match:", StringComparison.Ordinal)) return yaml;
        var timeout = yaml.IndexOf("\n      timeout: 10d", step, StringComparison.Ordinal);
        return yaml.Insert(timeout, "\n      " + MatchLine);
    }

    /// <summary>Rejected on 11 March: the preavviso registered, sent by PEC and accepted; the case waits for its receipt.</summary>
    private static Ordinario AwaitingTheReceipt()
    {
        var ordinario = new Ordinario(WithMatch).Opened(Inputs, SportelloSuap).Catalogued(5000).ThroughProtocol().NoticeDelivered()
            .At(VisuraOn).VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived()
            .At(Winter(2026, 3, 11, 16, 0)).Review("reject", Rejection).ActRegistered("register-preavviso", "0000060").PecAccepts("preavviso");
        ordinario.MainStep.ShouldBe("await-notice-receipt");
        ordinario.State.Variables["preavvisoMessageId"]!.GetValue<string>().ShouldBe(ActMessageId);
        return ordinario.At(Winter(2026, 3, 12, 10, 0));
    }

    // As the PEC endpoint writes it (PecReceipt.ToEventPayload): channel "pec" and the provider's message id.
    private static object PecReceipt(string messageId) => new
    {
        delivered = true, messageId, sentMessageId = "1f2e@sys2.invalid", type = "avvenuta-consegna", to = "mario.rossi@pec.it", channel = "pec",
        receivedAt = "2026-03-12T09:30:00+01:00",
    };

    [Fact]
    public void a_receipt_for_another_pec_message_of_the_case_is_refused_and_the_wait_goes_on()
    {
        var ordinario = AwaitingTheReceipt();

        var refused = ordinario.Scenario.Refused(new ReceiveEvent("delivery-receipt", CaseScenario.Json(PecReceipt("opec-cortesia-42@pec.sandbox.invalid")))
        {
            FromSystem = true,
        });

        refused.Code.ShouldBe("event-does-not-match");
        refused.Message.ShouldContain("opec-cortesia-42@pec.sandbox.invalid");
        ordinario.MainStep.ShouldBe("await-notice-receipt");
    }

    [Fact]
    public void the_receipt_of_the_act_is_taken_and_the_ten_days_run_from_it()
    {
        var ordinario = AwaitingTheReceipt();

        ordinario.Scenario.When(new ReceiveEvent("delivery-receipt", CaseScenario.Json(PecReceipt(ActMessageId))) { FromSystem = true });

        ordinario.State.Variables["noticeReceivedAt"]!.GetValue<string>().ShouldBe("2026-03-12T09:30:00+01:00");
        ordinario.MainStep.ShouldBe("await-observations");
    }

    [Fact]
    public void a_receipt_filed_at_the_counter_has_no_pec_channel_and_is_taken()
    {
        var ordinario = AwaitingTheReceipt();

        ordinario.Received("delivery-receipt", new { receivedAt = "2026-03-12T09:30:00+01:00", means = "raccomandata A/R n. 1234" });

        ordinario.MainStep.ShouldBe("await-observations");
    }
}
