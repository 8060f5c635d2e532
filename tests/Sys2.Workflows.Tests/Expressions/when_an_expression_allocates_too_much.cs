using System.Diagnostics;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

/// <summary>
/// Jint checks its memory limit between statements, so the sandbox also guards the built-ins that turn a small
/// input into a huge output in one native call. Without those guards several of these ran for seconds to minutes
/// and allocated gigabytes.
/// </summary>
public class when_an_expression_allocates_too_much
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);
    // A generous time limit: on a loaded machine the memory limit, not the clock, must be what stops these.
    private readonly ExpressionSandbox _sandbox = new(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(10) });

    [Theory]
    [InlineData("'x'.repeat(1e9)")]
    [InlineData("'x'.repeat(2 ** 27).length")]
    [InlineData("'x'.padEnd(1e9).length")]
    [InlineData("Array(1e9).fill(0)")]
    [InlineData("new Array(1e7)")]
    [InlineData("Array.from({ length: 1e7 }).length")]
    [InlineData("Array(1000).fill('x'.repeat(1e6)).join('').length")]
    [InlineData("String(Array(1000).fill('x'.repeat(1e6))).length")]
    [InlineData("`${Array(1000).fill('x'.repeat(1e6))}`.length")]
    [InlineData("Array(1000).fill('x'.repeat(1e5)).toLocaleString().length")]
    [InlineData("''.concat(...Array(1000).fill('x'.repeat(1e6))).length")]
    [InlineData("'x'.repeat(1e6).replace(/x/g, 'y'.repeat(20)).length")]
    [InlineData("'x'.repeat(1e6).replaceAll('x', 'y'.repeat(1000)).length")]
    [InlineData("'x'.repeat(2000).replace(/x/g, \"$'\").length")]
    [InlineData("JSON.stringify(Array(1000).fill('x'.repeat(1e5))).length")]
    [InlineData("(() => { const a = Array(1000).fill(1), b = Array(1000).fill(a); return JSON.stringify(Array(100).fill(b)).length; })()")]
    [InlineData("(() => { const a = Array(1000).fill(1), b = Array(1000).fill(a), c = Array(1000).fill(b); return c.flat(Infinity).length; })()")]
    [InlineData("(() => { const a = Array(1e5).fill(1); return Array(1000).fill(0).flatMap(() => a).length; })()")]
    [InlineData("(() => { const a = Array(1e5).fill(1); return [].concat(...Array(1000).fill(a)).length; })()")]
    [InlineData("Array.prototype.with.call({ length: 1e9 }, 0, 1)")]
    [InlineData("Array.prototype.toSorted.call({ length: 1e9 })")]
    [InlineData("Array.prototype.toReversed.call({ length: 1e9 })")]
    public void it_is_stopped_with_a_memory_error(string expression)
    {
        var clock = Stopwatch.StartNew();

        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate(expression, Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.MemoryLimit, error.Message);
        error.Expression.ShouldBe(expression);
        error.Message.ShouldContain("` stopped: ");
        clock.Elapsed.ShouldBeLessThan(Quickly);
    }

    [Fact]
    public void a_loop_that_keeps_growing_an_array_is_stopped_by_the_memory_limit()
    {
        var sandbox = new ExpressionSandbox(ExpressionLimits.Default with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(10) });

        var error = Should.Throw<ExpressionException>(() =>
            sandbox.Evaluate("(() => { const all = []; for (let i = 0; ; i++) all.push({ n: i, label: 'voce ' + i }); })()", Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.MemoryLimit, error.Message);
    }

    [Fact]
    public void a_result_larger_than_the_budget_is_refused()
    {
        var error = Should.Throw<ExpressionException>(() => _sandbox.Evaluate("Array(200000).fill('abcdefghij')", Roots.Practice()));

        error.Kind.ShouldBe(ExpressionErrorKind.MemoryLimit, error.Message);
    }

    [Fact]
    public void ordinary_sizes_still_work()
    {
        _sandbox.Evaluate("'x'.repeat(1000).length", Roots.Practice())!.GetValue<int>().ShouldBe(1000);
        _sandbox.Evaluate("'7'.padStart(3, '0')", Roots.Practice())!.GetValue<string>().ShouldBe("007");
        _sandbox.Evaluate("Array(1000).fill(1).join(',').length", Roots.Practice())!.GetValue<int>().ShouldBe(1999);
        _sandbox.Evaluate("[[1, [2]], [3]].flat(Infinity)", Roots.Practice())!.ToJsonString().ShouldBe("[1,2,3]");
        _sandbox.Evaluate("'a-b-c'.replaceAll('-', ' – ')", Roots.Practice())!.GetValue<string>().ShouldBe("a – b – c");
        _sandbox.Evaluate("'Forlì'.replace(/(ì)/, '[$1]')", Roots.Practice())!.GetValue<string>().ShouldBe("Forl[ì]");
        _sandbox.Evaluate("JSON.stringify(inputs.items)", Roots.Practice())!.GetValue<string>().ShouldBe("[{\"fee\":16},{\"fee\":32.5}]");
        _sandbox.Evaluate("JSON.stringify({ a: [1, 'è'] }, null, 2)", Roots.Practice())!.GetValue<string>().ShouldBe("{\n  \"a\": [\n    1,\n    \"è\"\n  ]\n}");
        _sandbox.Evaluate("'SUAP'.concat(' – ', vars.code)", Roots.Practice())!.GetValue<string>().ShouldBe("SUAP – SUAP-7");
        _sandbox.Evaluate("String([1, [2, 3]])", Roots.Practice())!.GetValue<string>().ShouldBe("1,2,3");
    }

    [Fact]
    public void the_sandbox_keeps_working_afterwards()
    {
        Should.Throw<ExpressionException>(() => _sandbox.Evaluate("'x'.repeat(1e9)", Roots.Practice()));
        Should.Throw<ExpressionException>(() => _sandbox.Evaluate("Array(1e9).fill(0)", Roots.Practice()));

        _sandbox.Evaluate("vars.code", Roots.Practice())!.GetValue<string>().ShouldBe("SUAP-7");
    }
}
