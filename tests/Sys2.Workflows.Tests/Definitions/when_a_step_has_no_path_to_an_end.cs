namespace Sys2.Workflows.Tests.Definitions;

public class when_a_step_has_no_path_to_an_end
{
    private const string Text = """
        id: test.ends
        title: Ends
        kind: suap
        legalBasis: L. 241/1990
        start: review
        steps:
          review:
            task: { role: clerk, office: SUAP }
            outcomes:
              approve: approved
              ask: ask
          ask:
            call: notify.applicant
            next: wait
          wait:
            wait: { for: documents-received }
            next: ask
          approved:
            end: approved
        """;

    [Fact]
    public void it_reports_each_step_caught_in_the_loop() =>
        Yaml.Problems(Text).ShouldBe([
            "test.yaml:12:3: step 'ask' has no path to an end step",
            "test.yaml:15:3: step 'wait' has no path to an end step",
        ]);

    [Fact]
    public void a_way_out_of_the_loop_is_enough() =>
        Yaml.Problems(Text.Replace("    next: ask", "    next: review")).ShouldBeEmpty();

    [Fact]
    public void it_stays_silent_when_a_step_could_not_be_loaded()
    {
        // `ask` has no kind: the loader reports it; the graph checks would only add noise.
        var problems = Yaml.Problems(Text.Replace("    call: notify.applicant\n    next: wait", "    cal: notify.applicant\n    next: wait"));
        problems.ShouldNotContain(p => p.Contains("no path to an end") || p.Contains("cannot be reached"));
        problems.ShouldContain("test.yaml:13:5: step 'ask' has no kind: give it one of task, decision, call, wait, deadline, parallel, end (unknown key 'cal')");
    }
}
