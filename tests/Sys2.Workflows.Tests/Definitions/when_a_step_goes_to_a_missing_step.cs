namespace Sys2.Workflows.Tests.Definitions;

public class when_a_step_goes_to_a_missing_step
{
    private const string Text = """
        id: test.refs
        title: References
        kind: suap
        legalBasis: L. 241/1990
        start: review
        steps:
          review:
            task: { role: clerk, office: SUAP }
            outcomes:
              approve: aproved
              reject: rejected
          rejected:
            end: rejected
          approved:
            end: approved
        """;

    [Fact]
    public void it_names_the_file_line_and_the_missing_step() =>
        Yaml.Problems(Text).ShouldBe([
            "test.yaml:10:16: step 'review' goes to 'aproved' (outcome 'approve'), but there is no step 'aproved' (did you mean 'approved'?)",
        ]);

    [Fact]
    public void it_suggests_a_name_only_when_one_is_close_and_then_reports_the_orphan()
    {
        var problems = Yaml.Problems(Text.Replace("aproved", "somewhere-else"));
        problems.ShouldBe([
            "test.yaml:10:16: step 'review' goes to 'somewhere-else' (outcome 'approve'), but there is no step 'somewhere-else'",
            "test.yaml:14:3: step 'approved' cannot be reached from start 'review'",
        ]);
    }

    [Fact]
    public void it_reports_every_kind_of_reference_where_the_name_is_written()
    {
        var problems = Yaml.Problems("""
            id: test.refs
            title: References
            kind: suap
            legalBasis: L. 241/1990
            variables:
              x: { type: number }
            clocks:
              decision:
                term: 30d
                basis: L. 241/1990 art. 2
                onExpiry: { effect: silenzio-assenso, next: deemd }
            start: begn
            steps:
              begin:
                clocks:
                  - start: decision
                call: protocol.register
                next: chose
                onFailure: failed-x
              choose:
                decision:
                  - when: "vars.x > 0"
                    next: when-x
                otherwise: otherwise-x
              fork:
                parallel: [branch-x, wait]
                next: join-x
              wait:
                wait: { for: payment-received, timeout: 10d }
                next: next-x
                onTimeout: timeout-x
              pause:
                deadline:
                  - stop: decision
                next: deadline-x
              review:
                task: { role: clerk, office: SUAP }
                outcomes:
                  ok: outcome-x
              done:
                end: approved
            """);
        problems.ShouldBe([
            "test.yaml:11:49: clock 'decision' goes to 'deemd' when it expires (onExpiry.next), but there is no step 'deemd'",
            "test.yaml:12:8: start goes to 'begn', but there is no step 'begn' (did you mean 'begin'?)",
            "test.yaml:18:11: step 'begin' goes to 'chose' (next), but there is no step 'chose' (did you mean 'choose'?)",
            "test.yaml:19:16: step 'begin' goes to 'failed-x' (onFailure), but there is no step 'failed-x'",
            "test.yaml:23:15: step 'choose' goes to 'when-x' (when `vars.x > 0`), but there is no step 'when-x'",
            "test.yaml:24:16: step 'choose' goes to 'otherwise-x' (otherwise), but there is no step 'otherwise-x'",
            "test.yaml:26:16: step 'fork' goes to 'branch-x' (parallel branch), but there is no step 'branch-x'",
            "test.yaml:27:11: step 'fork' goes to 'join-x' (next, the join), but there is no step 'join-x'",
            "test.yaml:30:11: step 'wait' goes to 'next-x' (next), but there is no step 'next-x'",
            "test.yaml:31:16: step 'wait' goes to 'timeout-x' (onTimeout), but there is no step 'timeout-x'",
            "test.yaml:35:11: step 'pause' goes to 'deadline-x' (next), but there is no step 'deadline-x'",
            "test.yaml:39:11: step 'review' goes to 'outcome-x' (outcome 'ok'), but there is no step 'outcome-x'",
        ]);
    }
}
