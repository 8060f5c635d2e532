using System.Diagnostics;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_a_condition_loops_forever
{
    [Theory]
    [InlineData("(function () { while (true) {} })()")]
    [InlineData("(() => { for (;;) {} })()")]
    [InlineData("inputs.items.some(() => { while (true) {} })")]
    public void it_is_stopped_by_the_statement_limit(string condition)
    {
        // A generous time limit: on a loaded machine the statement limit, not the clock, must be what stops these.
        var sandbox = new ExpressionSandbox(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(10) });

        var error = Should.Throw<ExpressionException>(() => sandbox.Test(condition, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.StatementLimit);
        error.Message.ShouldBe($"expression `{condition}` stopped: it executed more than 10000 statements");
    }

    [Fact]
    public void it_is_stopped_with_a_timeout_error()
    {
        var sandbox = new ExpressionSandbox(ExpressionLimits.Default with
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            MaxStatements = int.MaxValue,
        });
        var clock = Stopwatch.StartNew();

        var error = Should.Throw<ExpressionException>(() => sandbox.Test("(function () { while (true) {} })()", Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Timeout);
        error.Message.ShouldBe("expression `(function () { while (true) {} })()` stopped: it ran longer than 100 ms");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void a_catastrophic_regular_expression_is_stopped_with_a_timeout_error()
    {
        var sandbox = new ExpressionSandbox(ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) });

        var error = Should.Throw<ExpressionException>(() => sandbox.Test("/^(a+)+$/.test('a'.repeat(40) + '!')", Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Timeout);
    }

    [Fact]
    public void the_sandbox_keeps_working_afterwards()
    {
        var sandbox = new ExpressionSandbox();
        for (var i = 0; i < 3; i++)
            Should.Throw<ExpressionException>(() => sandbox.Test("(() => { for (;;) {} })()", Roots.Practice()));

        sandbox.Test("vars.fee > 0", Roots.Practice()).ShouldBeTrue();
    }
}
