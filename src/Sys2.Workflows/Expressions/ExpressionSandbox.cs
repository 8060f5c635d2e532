using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Evaluates workflow expressions (conditions and mappings, one JavaScript expression each) deterministically and
/// in isolation: no CLR, file system, network, clock or randomness; bounded time, statements, recursion and memory.
/// Thread-safe; create one and reuse it for every evaluation.
/// </summary>
/// <remarks>
/// Expressions run in strict mode over frozen copies of the scope's roots. Parsed expressions are cached (bounded)
/// and engines are pooled, so a repeated expression costs a function call plus the copy of the roots it mentions.
/// </remarks>
public sealed class ExpressionSandbox
{
    private const int MaxCachedExpressions = 4096;

    private readonly ConcurrentDictionary<string, ExpressionPlan> _plans = new(StringComparer.Ordinal);
    private readonly EnginePool _engines;

    public ExpressionSandbox(ExpressionLimits? limits = null)
    {
        Limits = limits ?? ExpressionLimits.Default;
        Limits.Validate();
        _engines = new EnginePool(Limits);
        _engines.Return(_engines.Rent()); // fail here, not on the first evaluation, if an engine cannot be built
    }

    public ExpressionLimits Limits { get; }

    /// <summary>Evaluates a mapping and returns its value as JSON (<c>undefined</c> gives <c>null</c>).</summary>
    /// <exception cref="ExpressionException">The expression is invalid, threw, broke a limit or produced something JSON cannot hold.</exception>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
        => Run(expression, scope, static (value, limits) => JsonOutput.ToJson(value, limits));

    /// <summary>Evaluates a condition, which must produce a JavaScript boolean.</summary>
    /// <exception cref="ExpressionException">As <see cref="Evaluate"/>, or <see cref="ExpressionErrorKind.NotBoolean"/>.</exception>
    public bool Test(string condition, ExpressionScope scope)
    {
        var (isBoolean, result, description) = Run<(bool, bool, string)>(condition, scope,
            static (value, _) => value is JsBoolean ? (true, value.AsBoolean(), "") : (false, false, JsonOutput.Describe(value)));
        if (!isBoolean)
            throw new ExpressionException(condition, ExpressionErrorKind.NotBoolean,
                $"must evaluate to true or false, but it evaluated to {description}");
        return result;
    }

    private T Run<T>(string expression, ExpressionScope scope, Func<JsValue, ExpressionLimits, T> read)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        var compiled = PlanFor(expression).For(scope);
        var engine = _engines.Rent();
        try
        {
            var result = read(engine.Run(compiled, scope), Limits);
            _engines.Return(engine);
            return result;
        }
        catch (Exception error) when (error is not ExpressionException)
        {
            if (SandboxErrors.EngineStaysUsable(error)) _engines.Return(engine);
            throw SandboxErrors.Map(error, expression, Limits);
        }
    }

    private ExpressionPlan PlanFor(string expression)
    {
        if (_plans.TryGetValue(expression, out var plan)) return plan;
        plan = new ExpressionPlan(expression); // throws Syntax errors, which are not cached
        if (_plans.Count >= MaxCachedExpressions) _plans.Clear();
        return _plans.GetOrAdd(expression, plan);
    }
}
