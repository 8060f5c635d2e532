using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Definitions;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// A wait's `check:` is what the event that matched must also be: the receipt for this case's avviso
// must pay its amount. Filed at the counter, a wrong one is refused; sent by a regional system,
// nobody reads a refusal, so the step raises an incident instead of taking it.
public class when_a_wait_checks_the_event_it_takes
{
    private const string Issued = "302000000001234559";
    private const int Amount = 5000;

    private static CaseScenario AwaitingPayment()
    {
        var yaml = Procedure.Yaml
            .Replace("  notes: { type: string }\nclocks:", "  notes: { type: string }\n  noticeNumber: { type: string }\n  noticeAmount: { type: money }\nclocks:")
            .Replace("with: { amount: vars.fee }", "with: { amount: vars.fee }\n    out: { noticeNumber: result.noticeNumber, noticeAmount: result.amount }")
            .Replace("when: \"vars.fee > 0\"", "when: \"true\"")
            .Replace("wait: { for: payment-received, timeout: 30d }",
                "wait: { for: payment-received, timeout: 30d, match: event.noticeNumber == vars.noticeNumber, check: event.amount == vars.noticeAmount }");
        var scenario = new CaseScenario(TestDefinitions.FromYaml(yaml)).Open(Procedure.Applicant);
        scenario.AnswerCalls(activity => activity switch
        {
            "protocol.register" => new { number = "0000042" },
            "mpay.request-payment" => new { noticeNumber = Issued, amount = Amount },
            _ => new { categoria = "A/2" },
        });
        return scenario;
    }

    private static ReceiveEvent Receipt(int amount, bool fromSystem) =>
        new("payment-received", CaseScenario.Json(new { noticeNumber = Issued, amount, paidAt = "2026-03-03T10:00:00Z" })) { FromSystem = fromSystem };

    [Fact]
    public void the_full_amount_is_taken()
    {
        AwaitingPayment().When(Receipt(Amount, fromSystem: true)).OfType<ExternalEventReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public void an_underpaying_receipt_from_mpay_raises_an_incident_and_is_not_taken()
    {
        var scenario = AwaitingPayment();

        var events = scenario.When(Receipt(Amount - 1, fromSystem: true));

        events.OfType<ExternalEventReceived>().ShouldBeEmpty();
        var incident = events.OfType<IncidentRaised>().ShouldHaveSingleItem();
        incident.Step.ShouldBe("await-payment");
        incident.Reason.ShouldContain("event.amount == vars.noticeAmount");
        incident.Reason.ShouldContain($"event.amount = {Amount - 1}");
        // While the incident is open the step takes nothing, not even the right receipt.
        scenario.Refused(Receipt(Amount, fromSystem: true)).Code.ShouldBe("not-waiting");
    }

    [Fact]
    public void the_same_receipt_filed_by_a_person_is_only_refused()
    {
        var scenario = AwaitingPayment();
        var before = scenario.State;

        var refusal = scenario.Refused(Receipt(Amount - 1, fromSystem: false));

        refusal.Code.ShouldBe("event-check-failed");
        scenario.State.ShouldBeSameAs(before);
    }

    [Fact]
    public void a_check_that_reads_an_unknown_variable_is_a_validation_problem()
    {
        var yaml = Procedure.Yaml.Replace("wait: { for: payment-received, timeout: 30d }",
            "wait: { for: payment-received, timeout: 30d, check: event.amount == vars.importo }");

        Yaml.Problems(yaml).ShouldContain(p => p.Contains("vars.importo") || p.Contains("'importo'"));
    }
}
