using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Definitions;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// A wait can say which event is its own (`match:`): a pagoPA receipt pays the avviso this case
// issued, not any avviso. The rule lives in the definition and is checked by the decider, so an
// endpoint only authenticates, parses and forwards.
public class when_a_wait_names_the_event_it_matches
{
    private const string Issued = "302000000001234559";

    private static CaseScenario AwaitingPayment()
    {
        var yaml = Procedure.Yaml
            .Replace("  notes: { type: string }\nclocks:", "  notes: { type: string }\n  noticeNumber: { type: string }\nclocks:")
            .Replace("with: { amount: vars.fee }", "with: { amount: vars.fee }\n    out: { noticeNumber: result.noticeNumber }")
            .Replace("when: \"vars.fee > 0\"", "when: \"true\"")
            .Replace("wait: { for: payment-received, timeout: 30d }", "wait: { for: payment-received, timeout: 30d, match: event.noticeNumber == vars.noticeNumber }");
        var scenario = new CaseScenario(TestDefinitions.FromYaml(yaml)).Open(Procedure.Applicant);
        scenario.AnswerCalls(activity => activity switch
        {
            "protocol.register" => new { number = "0000042" },
            "mpay.request-payment" => new { noticeNumber = Issued },
            _ => new { categoria = "A/2" },
        });
        return scenario;
    }

    [Fact]
    public void the_receipt_for_the_issued_avviso_is_taken()
    {
        var scenario = AwaitingPayment();
        scenario.State.Variables.ShouldContainKey("noticeNumber");

        var events = scenario.When(new ReceiveEvent("payment-received", CaseScenario.Json(new { noticeNumber = Issued, paidAt = "2026-03-03T10:00:00Z" })));

        events.OfType<ExternalEventReceived>().Single().Step.ShouldBe("await-payment");
    }

    [Fact]
    public void a_receipt_for_another_avviso_is_refused_naming_the_rule_and_appends_nothing()
    {
        var scenario = AwaitingPayment();
        var before = scenario.State;

        var refusal = scenario.Refused(new ReceiveEvent("payment-received", CaseScenario.Json(new { noticeNumber = "302000000009999999", paidAt = "2026-03-03T10:00:00Z" })));

        refusal.Code.ShouldBe("event-does-not-match");
        refusal.Message.ShouldContain("event.noticeNumber == vars.noticeNumber");
        refusal.Message.ShouldContain("event.noticeNumber = \"302000000009999999\"");
        refusal.Message.ShouldContain($"vars.noticeNumber = \"{Issued}\"");
        scenario.State.ShouldBeSameAs(before);
    }

    [Fact]
    public void a_match_that_reads_an_unknown_variable_is_a_validation_problem()
    {
        var yaml = Procedure.Yaml.Replace("wait: { for: payment-received, timeout: 30d }",
            "wait: { for: payment-received, timeout: 30d, match: event.noticeNumber == vars.avviso }");

        Yaml.Problems(yaml).ShouldContain(p => p.Contains("vars.avviso") || p.Contains("'avviso'"));
    }
}
