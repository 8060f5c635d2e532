namespace Sys2.Workflows.Tests.Definitions;

public class when_a_definition_is_sound
{
    // Every kind of step, a parallel block, clocks with suspension, interruption and expiry.
    public const string Text = """
        id: test.sound
        title: A sound procedure
        kind: suap
        legalBasis: L. 241/1990 art. 2
        inputs:
          applicant: { type: party, required: true }
        variables:
          fee: { type: money }
          protocolNumber: { type: string }
          notes: { type: string }
          paidAt: { type: date }
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
            title: Protocol the application
            clocks:
              - start: decision
            call: protocol.register
            with:
              subject: "'SUAP – ' + inputs.applicant.name"
            out:
              protocolNumber: result.number
            next: checks
            onFailure: manual-protocol
          manual-protocol:
            task: { role: clerk, office: SUAP }
            outcomes:
              done: checks
          checks:
            parallel: [visura, fees]
            next: review
          visura:
            call: sigmater.visura
            next: review
          fees:
            decision:
              - when: "vars.fee > 0"
                next: await-payment
            otherwise: review
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
            out: { notes: form.notes }
            outcomes:
              approve: act
              integrate: integration
              reject: preavviso
          integration:
            clocks:
              - suspend: decision
            wait: { for: documents-received }
            next: resume
          resume:
            deadline:
              - resume: decision
            next: review
          preavviso:
            clocks:
              - suspend: decision
                reason: preavviso
            wait: { for: observations-received, timeout: 10d }
            next: review
            onTimeout: rejected
          act:
            clocks:
              - stop: decision
            task: { role: manager, office: SUAP }
            outcomes:
              sign: approved
          approved:
            end: approved
          rejected:
            clocks:
              - stop: decision
            end: rejected
          deemed-approved:
            end: deemed-approved
        """;

    [Fact]
    public void it_loads_and_validates_with_no_problems() =>
        Yaml.Problems(Text).ShouldBeEmpty();
}
