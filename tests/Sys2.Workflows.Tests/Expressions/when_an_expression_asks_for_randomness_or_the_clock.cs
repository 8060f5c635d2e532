using System.Text.Json.Nodes;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_an_expression_asks_for_randomness_or_the_clock
{
    private readonly ExpressionSandbox _sandbox = new();

    [Theory]
    [InlineData("Math.random()", "TypeError")]
    [InlineData("new Date()", "ReferenceError: Date is not defined")]
    [InlineData("Date.now()", "ReferenceError: Date is not defined")]
    [InlineData("Temporal.Now.instant()", "ReferenceError: Temporal is not defined")]
    [InlineData("new Intl.DateTimeFormat().format()", "ReferenceError: Intl is not defined")]
    [InlineData("performance.now()", "ReferenceError: performance is not defined")]
    [InlineData("crypto.randomUUID()", "ReferenceError: crypto is not defined")]
    [InlineData("eval('1 + 1')", "ReferenceError: eval is not defined")]
    [InlineData("Function('return 1')()", "ReferenceError: Function is not defined")]
    [InlineData("(() => 0).constructor('return 1')()", "String compilation has been disabled")]
    [InlineData("new WeakRef({})", "ReferenceError: WeakRef is not defined")]
    [InlineData("new SharedArrayBuffer(8)", "ReferenceError: SharedArrayBuffer is not defined")]
    [InlineData("Promise.resolve(1)", "ReferenceError: Promise is not defined")]
    [InlineData("Array.fromAsync([1])", "TypeError")]
    public void it_fails_with_a_clear_error(string expression, string cause)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Message.ShouldContain(cause);
    }

    [Fact]
    public void the_now_root_gives_the_time_instead()
    {
        _sandbox.Evaluate("now.slice(0, 10)", Roots.Practice())!.GetValue<string>().ShouldBe("2025-03-14");
    }

    [Fact]
    public void a_regular_expression_match_leaves_nothing_for_the_next_evaluation()
    {
        _sandbox.Evaluate("/(Perù)/.exec(inputs.applicant.name)[1]", Roots.Practice())!.GetValue<string>().ShouldBe("Perù");

        _sandbox.Evaluate("typeof RegExp.$1 + typeof RegExp.lastMatch + typeof RegExp.input", Roots.Practice())!
            .GetValue<string>().ShouldBe("undefinedundefinedundefined");
    }

    [Theory]
    [InlineData("(Array.prototype.includes = () => true, true)")]
    [InlineData("(Object.prototype.polluted = 'yes', true)")]
    [InlineData("(globalThis.leak = 1, true)")]
    [InlineData("(JSON.parse = () => 42, true)")]
    [InlineData("(Math.max = () => 0, true)")]
    [InlineData("Object.defineProperty(String.prototype, 'shout', { value() { return 1; } })")]
    [InlineData("(Object.getPrototypeOf(function* () {}).prototype.next = null, true)")]
    [InlineData("([][Symbol.iterator]().__proto__.next = null, true)")]
    public void it_cannot_leave_state_for_the_next_evaluation(string tampering)
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(tampering, Roots.Practice()));
        error.Kind.ShouldBe(ExpressionErrorKind.Runtime);
        error.Message.ShouldContain("TypeError");

        _sandbox.Evaluate(
            "[[1].includes(2), ({}).polluted, typeof leak, JSON.parse('7'), Math.max(1, 2), typeof ''.shout, [...[1, 2]].length]",
            Roots.Practice())!.ToJsonString().ShouldBe("[false,null,\"undefined\",7,2,\"undefined\",2]");
    }

    [Fact]
    public void the_same_expression_gives_the_same_answer_every_time()
    {
        const string expression = "[inputs.items.map(i => i.fee * vars.rate), Object.keys(inputs.applicant), new Set([3, 1, 3]).size, 0.1 + 0.2, (1234.5).toFixed(1), String(1e21)]";
        var first = _sandbox.Evaluate(expression, Roots.Practice())!.ToJsonString();

        for (var i = 0; i < 20; i++)
            new ExpressionSandbox().Evaluate(expression, Roots.Practice())!.ToJsonString().ShouldBe(first);
        JsonNode.DeepEquals(JsonNode.Parse(first), JsonNode.Parse("""
            [[3.52, 7.15], ["name", "type", "city"], 2, 0.30000000000000004, "1234.5", "1e+21"]
            """)).ShouldBeTrue(first);
    }
}
