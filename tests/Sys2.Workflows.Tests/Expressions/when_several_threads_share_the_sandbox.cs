using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

public class when_several_threads_share_the_sandbox
{
    [Fact]
    public void every_evaluation_gets_its_own_correct_result()
    {
        var sandbox = new ExpressionSandbox();
        var failures = new ConcurrentQueue<string>();

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i =>
        {
            var scope = ExpressionScope.Empty
                .With("vars", new JsonObject { ["n"] = i, ["fee"] = i * 0.5 })
                .With("inputs", new JsonObject { ["applicant"] = new JsonObject { ["name"] = $"Comune n° {i}" } });
            try
            {
                var text = sandbox.Evaluate("'Pratica ' + vars.n + ' – ' + inputs.applicant.name", scope)!.GetValue<string>();
                if (text != $"Pratica {i} – Comune n° {i}") failures.Enqueue($"{i}: {text}");

                var even = sandbox.Test("vars.n % 2 === 0 && vars.fee === vars.n / 2", scope);
                if (even != (i % 2 == 0)) failures.Enqueue($"{i}: even was {even}");

                if (i % 250 == 0)
                {
                    // A runaway loop on a shared engine is stopped by a limit and leaves the other
                    // threads' results alone. Which limit comes first depends on the machine's load
                    // (statements on an idle one, the clock on a starved one); each has its own test.
                    var error = Should.Throw<ExpressionException>(() => sandbox.Test("(() => { for (;;) {} })()", scope));
                    if (error.Kind is not (ExpressionErrorKind.StatementLimit or ExpressionErrorKind.Timeout)) failures.Enqueue($"{i}: {error.Message}");
                }
            }
            catch (Exception error)
            {
                failures.Enqueue($"{i}: {error.Message}");
            }
        });

        failures.ShouldBeEmpty();
    }
}
