namespace Sys2.Workflows.Tests.Definitions;

public class when_a_step_cannot_be_reached
{
    private const string Text = """
        id: test.reach
        title: Reachability
        kind: suap
        legalBasis: L. 241/1990
        start: review
        steps:
          review:
            task: { role: clerk, office: SUAP }
            outcomes:
              approve: approved
          orphan:
            task: { role: clerk, office: SUAP }
            outcomes:
              reject: after-orphan
          after-orphan:
            call: notify.applicant
            next: rejected
          rejected:
            end: rejected
          approved:
            end: approved
        """;

    [Fact]
    public void it_reports_the_first_unreachable_step_at_its_name_with_the_steps_after_it() =>
        Yaml.Problems(Text).ShouldBe([
            "test.yaml:11:3: step 'orphan' cannot be reached from start 'review' (nor can the 2 steps after it)",
        ]);

    [Fact]
    public void a_step_reached_only_when_a_clock_expires_is_reachable() =>
        Yaml.Problems("""
            id: test.reach
            title: Reachability
            kind: suap
            legalBasis: L. 241/1990
            clocks:
              decision:
                term: 30d
                basis: L. 241/1990 art. 20
                onExpiry: { effect: silenzio-assenso, next: deemed }
            start: review
            steps:
              review:
                clocks:
                  - start: decision
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              deemed:
                end: deemed-approved
              approved:
                clocks:
                  - stop: decision
                end: approved
            """).ShouldBeEmpty();

    [Fact]
    public void a_step_reached_by_a_clock_that_is_never_started_is_not() =>
        Yaml.Problems("""
            id: test.reach
            title: Reachability
            kind: suap
            legalBasis: L. 241/1990
            clocks:
              decision:
                term: 30d
                basis: L. 241/1990 art. 20
                onExpiry: { effect: silenzio-assenso, next: deemed }
            start: review
            steps:
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              deemed:
                end: deemed-approved
              approved:
                end: approved
            """).ShouldBe(["test.yaml:16:3: step 'deemed' cannot be reached from start 'review'"]);
}
