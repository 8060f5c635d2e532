using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;

namespace Sys2.Workflows.Tests.Runtime;

// DPR 380/2001 art. 20 c.6 (40 days from the same start after a preavviso); L. 241/1990 art. 20
// c.4 (silenzio-assenso where the catalogue says it applies).
public class when_a_term_is_extended_or_its_effect_is_conditional
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    private static readonly WorkflowDefinition Final = TestDefinitions.FromYaml("""
        id: test.final
        title: Termine finale
        kind: sue
        legalBasis: DPR 380/2001 art. 20
        inputs:
          silence: { type: boolean }
        clocks:
          final:
            term: 30d
            basis: DPR 380/2001 art. 20 c.6
            extension: { term: 40d, basis: DPR 380/2001 art. 20 c.6 }
            suspension: { times: 1, max: 30d, basis: test }
            onExpiry: { effect: silenzio-assenso, when: "inputs.silence == true", next: deemed, otherwise: substitute }
        start: act
        steps:
          act:
            clocks:
              - start: final
            task: { role: manager, office: SUE }
            outcomes: { deny: preavviso, suspend: suspended }
          preavviso:
            clocks:
              - extend: final
            task: { role: manager, office: SUE }
            outcomes: { again: preavviso, done: done }
          suspended:
            clocks:
              - suspend: final
              - resume: final
                after: 10d
            task: { role: manager, office: SUE }
            outcomes: { done: done }
          substitute:
            task: { role: manager, office: Segreteria }
            outcomes: { done: done }
          deemed:
            end: deemed-approved
          done:
            end: rejected
        """, "test/final.yaml");

    private static readonly Actor Dirigente = new("elena.ricci", "manager", "SUE");

    // Started Tuesday 14 April 2026: 30 days to Thursday 14 May; 40 to Sunday 24 May -> Monday 25 May.
    private static CaseScenario Started(bool silence = true) =>
        new CaseScenario(Final, new DateTimeOffset(2026, 4, 14, 10, 0, 0, Summer)).Open(new { silence });

    [Fact]
    public void an_extension_moves_the_own_last_day_and_only_the_expiry_past_a_holiday()
    {
        var scenario = Started().At(new DateTimeOffset(2026, 5, 4, 10, 0, 0, Summer));

        scenario.When(new CompleteTask("act", "deny", new(), Dirigente)).OfType<DeadlineExtended>().Single().ShouldBe(
            new DeadlineExtended("final", "40d", new DateTimeOffset(2026, 5, 25, 23, 59, 59, Summer), 2, "DPR 380/2001 art. 20 c.6", new DateOnly(2026, 5, 24)));
    }

    [Fact]
    public void a_term_is_extended_once()
    {
        var scenario = Started();
        scenario.When(new CompleteTask("act", "deny", new(), Dirigente));

        scenario.When(new CompleteTask("preavviso", "again", new(), Dirigente)).OfType<DeadlineOperationRefused>().Single().Why
            .ShouldBe("clock 'final' was already extended to 40d; DPR 380/2001 art. 20 c.6");
        scenario.State.Clocks["final"].DueAt.ShouldBe(new DateTimeOffset(2026, 5, 25, 23, 59, 59, Summer));
    }

    [Fact]
    public void the_effect_holds_when_its_condition_does()
    {
        var scenario = Started(silence: true);

        scenario.ClockExpires("final").OfType<DeadlineExpired>().Single().Effect.ShouldBe("silenzio-assenso");
        scenario.State.Outcome.ShouldBe("deemed-approved");
    }

    [Fact]
    public void where_the_condition_does_not_hold_the_expiry_has_no_effect_and_goes_otherwise()
    {
        var scenario = Started(silence: false);

        scenario.ClockExpires("final").OfType<DeadlineExpired>().Single().Effect.ShouldBe("none");
        scenario.OpenTasks().ShouldBe(["substitute"]);
    }

    [Fact]
    public void a_scheduled_resume_ends_only_a_preavviso_suspension()
    {
        var scenario = Started();

        scenario.When(new CompleteTask("act", "suspend", new(), Dirigente)).OfType<DeadlineOperationRefused>().Single().Operation.ShouldBe("resume");
        scenario.State.Clocks["final"].SuspensionReason.ShouldBe("integration");
    }
}
