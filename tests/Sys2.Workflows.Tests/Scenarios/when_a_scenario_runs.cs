using Sys2.Workflows.Runtime;
using Sys2.Workflows.Scenarios;
using Sys2.Workflows.Tests.Runtime;

namespace Sys2.Workflows.Tests.Scenarios;

// The runner against the small test procedure (Runtime/Procedure.cs): a 30-day decision term
// started when `checks` is entered, one suspension of at most 30 days, an interruption, a
// preavviso; the visura and the payment in parallel before the review.
public class when_a_scenario_runs
{
    private const string File = "test.scenarios.yaml";

    // Opened Monday 2 March 2026 at 9:00: the 30 days end on Wednesday 1 April.
    private static List<string> Run(string timeline) =>
        Failures($$"""
            definition: test.ordinario
            answers:
              protocol.register: { number: "0000042" }
              sigmater.visura: { categoria: A/2 }
            scenarios:
              - name: one case
                opened: 2026-03-02T09:00
                inputs:
                  applicant: { fiscalCode: RSSMRA45D25F205N, name: Mario Rossi }
                  parcel: { belfiore: H769, foglio: "12", particella: "345" }
                timeline:
            {{timeline}}
            """);

    private static List<string> Failures(string text)
    {
        var load = ScenarioLoader.LoadText(File, text);
        if (load.Content is not { } content) return load.Problems.Select(p => p.ToString()).ToList();
        return content.Scenarios.SelectMany(s => ScenarioRunner.Run(Procedure.Definition, content, s)).Select(f => f.ToString()).ToList();
    }

    [Fact]
    public void expectations_that_hold_give_no_failures() =>
        Run("""
                  - expect:
                      tasks: [review]
                      vars: { protocolNumber: "0000042", visura: { categoria: A/2 } }
                      clocks: { decision: { status: running, due: 2026-04-01, shiftedFrom: none } }
            """).ShouldBeEmpty();

    [Fact]
    public void a_failing_expectation_is_printed_at_its_line_with_what_was_there() =>
        Run("""
                  - expect:
                      clocks: { decision: 2026-04-02 }
                      vars: { protocolNumber: "0000043" }
                      step: approved
            """).ShouldBe([
            "test.scenarios.yaml:13: expected clock decision due 2026-04-02, was 2026-04-01",
            "test.scenarios.yaml:14: expected vars.protocolNumber \"0000043\", was \"0000042\"",
            "test.scenarios.yaml:15: expected step approved, was review",
        ]);

    [Fact]
    public void an_action_refused_when_it_should_not_be_stops_the_scenario() =>
        Run("""
                  - complete: review
                    outcome: approve-it
                  - expect: { outcome: approved }
            """).ShouldBe([
            "test.scenarios.yaml:12: expected complete review (approve-it) accepted, was refused: unknown-outcome: task 'review' has no outcome 'approve-it' (outcomes: approve, request-integration, request-documents, reject)",
        ]);

    [Fact]
    public void a_refusal_written_in_the_timeline_is_expected() =>
        Run("""
                  - resume: decision
                    refused: clock-not-paused
                  - resume: decision
                    refused: clock-not-running
            """).ShouldBe([
            "test.scenarios.yaml:15: expected resume decision refused (clock-not-running), was refused: clock-not-paused: clock 'decision' is not suspended or interrupted (running)",
        ]);

    [Fact]
    public void time_passing_fires_the_timers_in_the_order_they_come_due()
    {
        // Suspended on Tuesday 10 March at 10:00 with 22 days left (11 March to 1 April); the
        // suspension's 30 days end at the end of Thursday 9 April and the term resumes with its 22
        // days: from 9 April to Friday 1 May, a holiday, so Saturday 2 May; the wait for the
        // documents times out at the end of 9 April and the review comes back.
        Run("""
                  - at: 2026-03-10T10:00
                    complete: review
                    outcome: request-integration
                    expect:
                      clocks: { decision: { status: suspended, resumeBy: 2026-04-09 } }
                  - after: 31d
                    expect:
                      clocks: { decision: { status: running, due: 2026-05-02, shiftedFrom: 2026-05-01 } }
                      tasks: [review]
                      recorded: [DeadlineResumed, WaitTimedOut]
                  - at: 2026-05-03
                    expect:
                      outcome: deemed-approved
                      clocks: { decision: expired }
            """).ShouldBeEmpty();
    }

    [Fact]
    public void a_call_the_timeline_drives_is_not_answered_for_it() =>
        Run("""
                  - expect: { steps: [checks, visura], tasks: [] }
                  - fail: sigmater.visura
                    error: SigmaTER non risponde
                    expect: { tasks: [review] }
            """).ShouldBeEmpty();

    [Fact]
    public void an_answer_with_nothing_pending_is_a_failure() =>
        Run("""
                  - answer: mpay.request-payment
                    result: { noticeNumber: "3" }
            """).ShouldBe([
            "test.scenarios.yaml:12: expected a call of mpay.request-payment to answer, was none pending",
        ]);

    [Fact]
    public void time_does_not_go_back() =>
        Run("""
                  - at: 2026-03-01T09:00
            """).ShouldBe([
            "test.scenarios.yaml:12: expected time to move on from 2026-03-02T09:00:00, was 2026-03-01T09:00:00: a timeline goes forward",
        ]);

    [Fact]
    public void inputs_are_checked_as_the_api_checks_them() =>
        Failures("""
            definition: test.ordinario
            scenarios:
              - name: bad inputs
                opened: 2026-03-02
                inputs:
                  applicant: { fiscalCode: RSSMRA45D25F205X, name: Mario Rossi }
                timeline: []
            """).ShouldHaveSingleItem().ShouldStartWith("test.scenarios.yaml:6: expected the case to open, was refused: inputs.applicant.fiscalCode: ");

    [Fact]
    public void a_date_alone_is_nine_in_the_morning_in_italy() =>
        ScenarioTime.Parse("2026-07-01").ShouldBe(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(2)));

    [Fact]
    public void days_passing_keep_the_hour_across_the_change_to_summer_time() =>
        ScenarioTime.Add(new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.FromHours(1)), Sys2.Workflows.Definitions.Duration.Days(3))
            .ShouldBe(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)));

    [Fact]
    public void a_malformed_file_is_reported_at_line_and_column() =>
        Failures("""
            definition: test.ordinario
            scenarios:
              - name: typos
                opened: 2 marzo
                inputs: {}
                timeline:
                  - complete: review
                    outcom: approve
                  - answer: protocol.register
                    outcome: approve
                  - expect: { clock: {} }
            """).ShouldBe([
            "test.scenarios.yaml:4:13: 'opened' is '2 marzo', not a date (yyyy-MM-dd, 09:00 that day) or a date-time (yyyy-MM-ddTHH:mm, Italian time unless it has an offset)",
            "test.scenarios.yaml:8:9: unknown field 'outcom' (did you mean 'outcome'?) (expected: at, after, refused, expect, complete, answer, fail, receive, suspend, resume, interrupt, withdraw, retry, outcome, form, by, result, error, transient, payload, step, reason)",
            "test.scenarios.yaml:7:9: missing field 'outcome'",
            "test.scenarios.yaml:10:18: 'outcome' goes with 'complete'",
            "test.scenarios.yaml:11:19: unknown field 'clock' (did you mean 'clocks'?) (expected: step, steps, tasks, incidents, outcome, vars, clocks, recorded)",
        ]);

    [Fact]
    public void a_scenario_file_is_not_a_definition() =>
        ScenarioFile.IsScenarioFile("workflows/suap/scia.scenarios.yaml").ShouldBeTrue();
}
