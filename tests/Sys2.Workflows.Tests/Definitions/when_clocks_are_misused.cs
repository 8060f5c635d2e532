namespace Sys2.Workflows.Tests.Definitions;

public class when_clocks_are_misused
{
    // `started` starts the clock only on one way from `triage` to `review`.
    private static List<string> Problems(string rules = "", string otherwise = "review", string reviewClocks = "- suspend: decision") =>
        Yaml.Problems($$"""
            id: test.clocks
            title: Clocks
            kind: suap
            legalBasis: L. 241/1990
            variables:
              urgent: { type: boolean }
            clocks:
              decision:
                term: 30d
                basis: L. 241/1990 art. 2{{rules}}
            start: triage
            steps:
              triage:
                decision:
                  - when: "vars.urgent"
                    next: started
                otherwise: {{otherwise}}
              started:
                deadline:
                  - start: decision
                next: review
              review:
                clocks:
                  {{reviewClocks}}
                task: { role: clerk, office: SUAP }
                outcomes:
                  approve: approved
                  again: review
              approved:
                clocks:
                  - stop: decision
                end: approved
            """);

    private const string Suspension = "\n    suspension: { times: 1, max: 30d, basis: L. 241/1990 art. 2 c.7 }";
    private const string Interruption = "\n    interruption: { times: 1, basis: DPR 380/2001 art. 20 c.5 }";

    [Fact]
    public void it_reports_an_operation_on_a_clock_not_started_on_every_path() =>
        Problems(rules: Suspension).ShouldBe([
            "test.yaml:25:18: step 'review' suspends clock 'decision', but not every path from start 'triage' to 'review' starts it",
            "test.yaml:32:15: step 'approved' stops clock 'decision', but not every path from start 'triage' to 'approved' starts it",
        ]);

    [Fact]
    public void a_clock_started_on_every_path_is_fine() =>
        Problems(rules: Suspension, otherwise: "started").ShouldBeEmpty();

    [Fact]
    public void it_names_an_undeclared_clock() =>
        Problems(rules: Suspension, otherwise: "started", reviewClocks: "- suspend: decison").ShouldBe([
            "test.yaml:25:18: step 'review' suspends clock 'decison', but there is no clock 'decison' (did you mean 'decision'?)",
        ]);

    [Fact]
    public void it_needs_a_suspension_rule_to_suspend_for_integration() =>
        Problems(otherwise: "started").ShouldBe([
            "test.yaml:24:18: step 'review' suspends clock 'decision' for integration, which has no suspension rule: add 'suspension:' to the clock, or give reason: preavviso",
        ]);

    [Fact]
    public void the_preavviso_needs_no_suspension_rule() =>
        Problems(otherwise: "started", reviewClocks: "- suspend: decision\n        reason: preavviso").ShouldBeEmpty();

    [Fact]
    public void it_needs_an_interruption_rule_to_interrupt()
    {
        Problems(otherwise: "started", reviewClocks: "- interrupt: decision").ShouldBe([
            "test.yaml:24:20: step 'review' interrupts clock 'decision', which has no interruption rule: add 'interruption:' to the clock with its legal basis",
        ]);
        Problems(rules: Interruption, otherwise: "started", reviewClocks: "- interrupt: decision").ShouldBeEmpty();
    }

    [Fact]
    public void a_start_earlier_in_the_same_step_counts() =>
        Problems(rules: Suspension, reviewClocks: "- start: decision\n      - suspend: decision").ShouldBeEmpty();

    [Fact]
    public void a_window_that_is_not_a_duration_is_named_where_it_is_written() =>
        Problems(rules: "\n    interruption: { times: 1, within: 30 giorni, basis: DPR 380/2001 art. 20 c.5 }", otherwise: "started",
            reviewClocks: "- interrupt: decision").ShouldBe([
            "test.yaml:11:39: 'within' has malformed duration '30 giorni': write a whole number and a unit, as 30d, 12h, 15m or 45s",
        ]);

    [Fact]
    public void days_are_shifted_or_plain() =>
        Problems(rules: "\n    days: working", otherwise: "started", reviewClocks: "- stop: decision").ShouldBe([
            "test.yaml:11:11: 'days' has unknown value 'working': expected one of shifted, plain",
        ]);
}

