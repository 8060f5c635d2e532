using System.Collections.Concurrent;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Everything learned once about an expression text: its analysis, and its compiled form for each combination of
/// roots present in the scopes it has been evaluated with (almost always just one).
/// </summary>
internal sealed class ExpressionPlan
{
    private const int MaxVariants = 16;

    private readonly string[] _freeNames;
    private readonly ConcurrentDictionary<string, CompiledExpression> _variants = new(StringComparer.Ordinal);
    private volatile CompiledExpression? _last;

    public ExpressionPlan(string expression)
    {
        Expression = expression;
        var analysis = ExpressionAnalysis.Of(expression);
        _freeNames = analysis.FreeNames.Where(name => !RootNames.Globals.Contains(name)).Order(StringComparer.Ordinal).ToArray();
    }

    public string Expression { get; }

    public CompiledExpression For(ExpressionScope scope)
    {
        var last = _last;
        if (last is not null && Matches(last.Parameters, scope)) return last;

        var parameters = _freeNames.Where(scope.Roots.ContainsKey).ToArray();
        var key = string.Join(',', parameters);
        if (!_variants.TryGetValue(key, out var compiled))
        {
            compiled = new CompiledExpression(Expression, parameters);
            if (_variants.Count < MaxVariants) _variants.TryAdd(key, compiled);
        }
        _last = compiled;
        return compiled;
    }

    /// <summary>Whether the scope provides exactly <paramref name="parameters"/> among the free names.</summary>
    private bool Matches(string[] parameters, ExpressionScope scope)
    {
        var p = 0;
        foreach (var name in _freeNames)
        {
            var present = scope.Roots.ContainsKey(name);
            var expected = p < parameters.Length && string.Equals(parameters[p], name, StringComparison.Ordinal);
            if (present != expected) return false;
            if (expected) p++;
        }
        return p == parameters.Length;
    }
}
