using Sys2.Workflows.Definitions;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

/// <summary>A small ordinary procedure that exercises every step kind and clock operation.</summary>
public static class Procedure
{
    public const string Yaml = """
        id: test.ordinario
        title: Procedimento di prova
        kind: suap
        legalBasis: L. 241/1990 art. 2, 10-bis, 20
        inputs:
          applicant: { type: party, required: true }
          parcel: { type: parcel }
        variables:
          fee: { type: money }
          protocolNumber: { type: string }
          visura: { type: object }
          paidAt: { type: string }
          notes: { type: string }
        clocks:
          decision:
            term: 30d
            basis: L. 241/1990 art. 2 c.2
            suspension: { times: 1, max: 30d, basis: L. 241/1990 art. 2 c.7 }
            interruption: { times: 1, basis: DPR 380/2001 art. 20 c.5 }
            onExpiry: { effect: silenzio-assenso, next: deemed-approved }
        start: protocol
        steps:
          protocol:
            call: protocol.register
            with: { direction: "'incoming'", subject: "'SUAP – ' + inputs.applicant.name" }
            out: { protocolNumber: result.number }
            retry: { attempts: 2, backoff: 30s }
            next: checks
          checks:
            clocks:
              - start: decision
            parallel: [visura, fees]
            next: review
          visura:
            call: sigmater.visura
            with: { parcel: inputs.parcel }
            out: { visura: result }
            onFailure: review
            next: review
          fees:
            decision:
              - when: "vars.fee > 0"
                next: pay
            otherwise: review
          pay:
            call: mpay.request-payment
            with: { amount: vars.fee }
            next: await-payment
          await-payment:
            wait: { for: payment-received, timeout: 30d }
            out: { paidAt: event.paidAt }
            next: review
            onTimeout: review
          review:
            task:
              role: clerk
              office: SUAP
              form:
                notes: { type: string }
            outcomes:
              approve: approved
              request-integration: integration
              request-documents: missing-documents
              reject: preavviso
            out: { notes: form.notes }
          integration:
            clocks:
              - suspend: decision
            wait: { for: documents-received, timeout: 30d }
            next: resume-decision
            onTimeout: resume-decision
          missing-documents:
            clocks:
              - interrupt: decision
            wait: { for: documents-received }
            next: resume-decision
          resume-decision:
            deadline:
              - resume: decision
            next: review
          preavviso:
            clocks:
              - suspend: decision
                reason: preavviso
            wait: { for: observations-received, timeout: 10d }
            next: final-review
            onTimeout: final-review
          final-review:
            clocks:
              - resume: decision
            task: { role: manager, office: SUAP }
            outcomes: { approve: approved, reject: rejected }
          approved:
            clocks:
              - stop: decision
            end: approved
          rejected:
            end: rejected
          deemed-approved:
            end: deemed-approved
        """;

    public static WorkflowDefinition Definition { get; } = TestDefinitions.FromYaml(Yaml, "test/ordinario.yaml");

    public static readonly object Applicant = new
    {
        applicant = new { fiscalCode = "RSSMRA45D25F205N", name = "Mario Rossi", email = "mario.rossi@example.it" },
        parcel = new { belfiore = "H769", foglio = "12", particella = "345" },
    };

    /// <summary>Opens the case (on Monday 2 March 2026 unless told), registers it, runs visura and (with a fee) the payment request, and stops at review.</summary>
    public static CaseScenario AtReview(DateTimeOffset? openedAt = null)
    {
        var scenario = new CaseScenario(Definition, openedAt).Open(Applicant);
        scenario.When(new Sys2.Workflows.Runtime.IntegrationCompleted("protocol", 1, CaseScenario.Json(new { number = "0000042" })));
        scenario.AnswerCalls(_ => new { categoria = "A/2" });
        scenario.OpenTasks().ShouldBe(["review"]);
        return scenario;
    }
}
