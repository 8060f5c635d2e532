using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_an_expression_recurses
{
    private readonly ExpressionSandbox _sandbox = new();

    [Theory]
    [InlineData("(function f(n) { return f(n + 1) + 1; })(0)")]
    [InlineData("(function f(n) { return f(n + 1); })(0)")]
    [InlineData("(() => { const even = n => odd(n + 1); const odd = n => even(n + 1); return even(0); })()")]
    [InlineData("inputs.items.map(function walk(item) { return [item].map(walk); })")]
    public void it_is_stopped_with_a_recursion_error(string expression)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.RecursionLimit);
        error.Message.ShouldBe($"expression `{expression}` stopped: a function called itself more than 64 times");
    }

    [Fact]
    public void recursion_within_the_limit_works()
    {
        _sandbox.Evaluate("(function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); })(10)", Roots.Practice())!
            .GetValue<long>().ShouldBe(3_628_800);
    }
}
