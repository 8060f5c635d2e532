using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_a_sandbox_is_created
{
    [Fact]
    public void the_smallest_limits_allowed_still_build_a_working_sandbox()
    {
        var sandbox = new ExpressionSandbox(new ExpressionLimits(TimeSpan.FromMilliseconds(250), 100, 1_000_000, 1));

        sandbox.Evaluate("[vars.code, 'x'].join('-')", Roots.Practice())!.GetValue<string>().ShouldBe("SUAP-7-x");
    }

    [Fact]
    public void invalid_limits_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionSandbox(ExpressionLimits.Default with { Timeout = TimeSpan.Zero }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionSandbox(ExpressionLimits.Default with { MaxStatements = 10 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionSandbox(ExpressionLimits.Default with { MaxMemoryBytes = 64 * 1024 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionSandbox(ExpressionLimits.Default with { MaxRecursion = -1 }));
    }
}
