namespace Sys2.Workflows.Tests.Definitions;

public class when_a_parallel_block_is_malformed
{
    [Fact]
    public void it_reports_a_branch_that_never_reaches_the_join() =>
        Yaml.Problems("""
            id: test.parallel
            title: Parallel
            kind: suap
            legalBasis: L. 241/1990
            start: checks
            steps:
              checks:
                parallel: [visura, fees]
                next: review
              visura:
                call: sigmater.visura
                next: review
              fees:
                call: mpay.request-payment
                next: elsewhere
              elsewhere:
                task: { role: clerk, office: SUAP }
                outcomes:
                  done: approved
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              approved:
                end: approved
            """).ShouldBe([
                "test.yaml:8:24: branch 'fees' of parallel 'checks' never reaches the join 'review': its last step must go to 'review'",
                "test.yaml:19:13: step 'elsewhere' goes to end 'approved' (outcome 'done') inside branch 'fees' of parallel 'checks': a branch cannot end the case or start another parallel; it finishes by going to the join 'review'",
            ]);

    [Fact]
    public void it_reports_a_nested_parallel_inside_a_branch() =>
        Yaml.Problems("""
            id: test.parallel
            title: Parallel
            kind: suap
            legalBasis: L. 241/1990
            start: checks
            steps:
              checks:
                parallel: [visura, fees]
                next: review
              visura:
                call: sigmater.visura
                next: inner
              inner:
                parallel: [a, b]
                next: review
              a:
                call: notify.applicant
                next: review
              b:
                call: notify.supplier
                next: review
              fees:
                call: mpay.request-payment
                next: review
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              approved:
                end: approved
            """).ShouldContain(
                "test.yaml:12:11: step 'visura' goes to parallel 'inner' (next) inside branch 'visura' of parallel 'checks': a branch cannot end the case or start another parallel; it finishes by going to the join 'review'");

    [Fact]
    public void it_reports_a_step_shared_by_two_branches() =>
        Yaml.Problems("""
            id: test.parallel
            title: Parallel
            kind: suap
            legalBasis: L. 241/1990
            start: checks
            steps:
              checks:
                parallel: [visura, fees]
                next: review
              visura:
                call: sigmater.visura
                next: notify
              fees:
                call: mpay.request-payment
                next: notify
              notify:
                call: notify.applicant
                next: review
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              approved:
                end: approved
            """).ShouldBe([
                "test.yaml:16:3: step 'notify' is in both branch 'visura' and branch 'fees' of parallel 'checks': branches must not share steps",
            ]);

    [Fact]
    public void it_reports_a_branch_that_starts_with_an_end() =>
        Yaml.Problems("""
            id: test.parallel
            title: Parallel
            kind: suap
            legalBasis: L. 241/1990
            start: checks
            steps:
              checks:
                parallel: [visura, approved]
                next: review
              visura:
                call: sigmater.visura
                next: review
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
              approved:
                end: approved
            """).ShouldBe([
                "test.yaml:8:24: branch 'approved' of parallel 'checks' starts with end 'approved': a branch cannot end the case or start another parallel; it finishes by going to the join 'review'",
            ]);

    [Fact]
    public void branches_that_all_reach_the_join_are_fine() =>
        Yaml.Problems(when_a_definition_is_sound.Text).ShouldBeEmpty();
}
