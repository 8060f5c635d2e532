using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_an_expression_has_a_syntax_error
{
    private readonly ExpressionSandbox _sandbox = new();

    [Fact]
    public void it_reports_the_column()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Test("vars.fee > 0 && (inputs.applicant.type == 'G'", Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Syntax);
        error.Column.ShouldBe(46);
        error.Message.ShouldBe("expression `vars.fee > 0 && (inputs.applicant.type == 'G'` is not valid at column 46: Unexpected end of input");
    }

    [Theory]
    [InlineData("vars.fee >", 11)]
    [InlineData("'SUAP – ' + + ", 15)]
    [InlineData("inputs.applicant.", 18)]
    [InlineData("while (true) {}", 1)]
    [InlineData("var x = 1", 1)]
    [InlineData("vars.fee; vars.rate", 9)]
    [InlineData("1) + (2", 2)]
    [InlineData("vars.fee\n+ 010", 12)]
    [InlineData("case", 1)]
    [InlineData("   ", 1)]
    public void it_accepts_only_a_single_strict_mode_expression(string expression, int column)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Syntax);
        error.Column.ShouldBe(column);
        error.Expression.ShouldBe(expression);
    }

    [Theory]
    [InlineData("(async () => { await null; for (;;) {} })()", 2)]
    [InlineData("inputs.items.map(async item => item.fee)", 18)]
    public void asynchronous_code_is_refused_because_its_jobs_would_run_in_a_later_evaluation(string expression, int column)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Syntax);
        error.Column.ShouldBe(column);
        error.Message.ShouldContain("async function is not available in expressions");
        _sandbox.Evaluate("1 + 1", Roots.Practice())!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public void a_function_expression_may_hold_statements()
    {
        _sandbox.Evaluate("(() => { let total = 0; for (const item of inputs.items) { total += item.fee; } return total; })()", Roots.Practice())!
            .GetValue<double>().ShouldBe(48.5);
    }
}
