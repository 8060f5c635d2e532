namespace Sys2.Workflows.Tests.Definitions;

public class when_an_expression_reads_what_is_not_there
{
    private readonly List<string> _problems = Yaml.Problems("""
        id: test.expr
        title: Expressions
        kind: suap
        legalBasis: L. 241/1990
        inputs:
          applicant: { type: party }
        variables:
          fee: { type: money }
          protocolNumber: { type: string }
        start: needs-fee
        steps:
          needs-fee:
            decision:
              - when: "vars.fees > 0"
                next: protocol
            otherwise: protocol
          protocol:
            call: protocol.register
            with:
              subject: "'SUAP – ' + inputs.aplicant.name"
              when: "event.at"
            out:
              protocolNumber: result.number
              protocolNo: result.number
            next: review
          review:
            task:
              role: clerk
              office: SUAP
              form:
                notes: { type: string }
            out: { fee: form.note, protocolNumber: result.number }
            outcomes:
              ok: done
          done:
            end: approved
        """);

    [Fact]
    public void it_names_the_unknown_variable_where_the_expression_reads_it() =>
        _problems.ShouldContain("test.yaml:14:16: expression `vars.fees > 0` reads unknown variable 'fees' (declared: fee, protocolNumber)");

    [Fact]
    public void it_names_the_unknown_input_at_its_column_inside_the_quoted_text() =>
        _problems.ShouldContain("test.yaml:20:29: expression `'SUAP – ' + inputs.aplicant.name` reads unknown input 'aplicant' (declared: applicant)");

    [Fact]
    public void it_allows_event_only_in_the_out_of_a_wait() =>
        _problems.ShouldContain("test.yaml:21:14: expression `event.at` reads 'event', which only the out of a wait can read");

    [Fact]
    public void it_allows_result_only_in_the_out_of_a_call() =>
        _problems.ShouldContain("test.yaml:32:44: expression `result.number` reads 'result', which only the out of a call can read");

    [Fact]
    public void it_checks_form_fields_against_the_task_form() =>
        _problems.ShouldContain("test.yaml:32:17: expression `form.note` reads unknown form field 'note' of task 'review' (declared: notes)");

    [Fact]
    public void it_names_an_out_target_that_is_not_a_variable() =>
        _problems.ShouldContain("test.yaml:24:7: step 'protocol' writes unknown variable 'protocolNo' (out) (declared: fee, protocolNumber)");

    [Fact]
    public void it_reports_nothing_else() => _problems.Count.ShouldBe(6, string.Join("\n", _problems));

    private static List<string> Decide(string when) => Yaml.Problems($$"""
        id: test.expr
        title: Expressions
        kind: suap
        legalBasis: L. 241/1990
        variables:
          fee: { type: money }
        start: check
        steps:
          check:
            decision:
              - when: "{{when}}"
                next: done
            otherwise: done
          done:
            end: approved
        """);

    [Fact]
    public void it_names_an_unknown_root() =>
        Decide("fee > 0").ShouldBe(["test.yaml:11:16: expression `fee > 0` reads unknown name 'fee' (expressions read inputs, now, pratica, vars)"]);

    [Fact]
    public void it_explains_that_case_is_a_reserved_word() =>
        Decide("vars.fee > 0 && case.kind == 'suap'").ShouldBe([
            "test.yaml:11:32: expression `vars.fee > 0 && case.kind == 'suap'` is not valid JavaScript: Unexpected token 'case' (`case` is a JavaScript reserved word: an expression cannot read a root named case)",
        ]);

    [Fact]
    public void it_reports_a_syntax_error_where_the_parser_stopped() =>
        Decide("vars.fee > (0").ShouldBe(["test.yaml:11:29: expression `vars.fee > (0` is not valid JavaScript: Unexpected end of input"]);

    [Fact]
    public void it_accepts_what_is_declared_and_always_there() =>
        Decide("vars.fee > 0 && now > '2026-01-01' && [1, 2].some(x => x > Math.abs(vars.fee))").ShouldBeEmpty();
}
