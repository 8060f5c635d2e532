namespace Sys2.Workflows.Tests.Definitions;

public class when_a_clock_starts_from_a_date
{
    private static List<string> Problems(string operation) =>
        Yaml.Problems($$"""
            id: test.from
            title: From
            kind: einvoice
            legalBasis: DM 55/2013
            inputs:
              receivedAt: { type: date }
              amount: { type: money }
            clocks:
              outcome:
                term: 15d
                basis: DM 55/2013
            start: review
            steps:
              review:
                clocks:
                  - start: outcome
                  {{operation}}
                task: { role: clerk, office: Ragioneria }
                outcomes: { done: done }
              done:
                end: archived
            """);

    private static List<string> StartProblems(string from) => Problems($"  from: {from}");

    [Fact]
    public void a_date_input_is_fine() => StartProblems("inputs.receivedAt").ShouldBeEmpty();

    [Fact]
    public void the_case_file_and_now_are_fine() => StartProblems("pratica.openedAt").ShouldBeEmpty();

    [Fact]
    public void an_unknown_input_is_named_where_it_is_written() =>
        StartProblems("inputs.recievedAt").ShouldBe([
            "test.yaml:17:15: expression `inputs.recievedAt` reads unknown input 'recievedAt' (declared: amount, receivedAt)",
        ]);

    [Fact]
    public void an_input_that_cannot_hold_a_date_is_refused() =>
        StartProblems("inputs.amount").ShouldBe([
            "test.yaml:17:15: step 'review' runs clock 'outcome' from inputs.amount, which is declared money: 'from' needs a date or a date-time (declare it type: date)",
        ]);

    [Fact]
    public void a_from_that_is_not_an_expression_is_refused() =>
        StartProblems("\"inputs.receivedAt +\"").ShouldHaveSingleItem().ShouldStartWith("test.yaml:17:");

    [Fact]
    public void a_from_that_is_a_number_is_refused() =>
        StartProblems("42").ShouldContain(p => p.StartsWith("test.yaml:17:15: ", StringComparison.Ordinal) && p.Contains("'from' must be text", StringComparison.Ordinal));

    [Fact]
    public void only_a_start_takes_a_from() =>
        Problems("- stop: outcome\n        from: inputs.receivedAt").ShouldContain(
            "test.yaml:18:9: 'from' gives the date a term runs from: only 'start' (and 'resume' with 'after') takes it, not 'stop'");
}
