using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_a_condition_is_tested
{
    private readonly ExpressionSandbox _sandbox = new();

    [Fact]
    public void it_is_true_or_false_according_to_the_roots()
    {
        const string condition = "vars.fee > 0 && inputs.applicant.type == 'G'";
        _sandbox.Test(condition, Roots.Practice("G")).ShouldBeTrue();
        _sandbox.Test(condition, Roots.Practice("F")).ShouldBeFalse();
    }

    [Fact]
    public void it_can_use_arrays_and_strings_of_the_roots()
    {
        _sandbox.Test("inputs.items.some(i => i.fee > 30) && inputs.applicant.city.startsWith('For')", Roots.Practice()).ShouldBeTrue();
        _sandbox.Test("inputs.items.every(i => i.fee > 30)", Roots.Practice()).ShouldBeFalse();
    }

    [Theory]
    [InlineData("'true'", "string")]
    [InlineData("1", "number")]
    [InlineData("vars.fee", "number")]
    [InlineData("null", "null")]
    [InlineData("inputs.applicant.missing", "undefined")]
    [InlineData("({})", "object")]
    [InlineData("[true]", "array")]
    public void it_refuses_a_value_that_is_not_a_boolean(string condition, string evaluatedTo)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Test(condition, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.NotBoolean);
        error.Expression.ShouldBe(condition);
        error.Message.ShouldStartWith($"condition `{condition}` must evaluate to true or false, but it evaluated to {evaluatedTo}");
    }

    [Fact]
    public void it_reports_a_throwing_condition_as_a_runtime_error()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Test("inputs.nothing.here > 1", Roots.Practice()));
        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
    }
}
