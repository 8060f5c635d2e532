using System.Globalization;
using Jint;
using Jint.Native;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// One locked-down Jint engine, used by one thread at a time (the <see cref="EnginePool"/> hands it out). It keeps
/// the function each compiled expression evaluates to, so a repeated expression costs one call.
/// </summary>
internal sealed class SandboxEngine
{
    private const int MaxFunctions = 2048;

    private readonly Engine _engine;
    private readonly ExpressionLimits _limits;
    private readonly Dictionary<CompiledExpression, JsValue> _functions = new(ReferenceEqualityComparer.Instance);

    public SandboxEngine(ExpressionLimits limits)
    {
        _limits = limits;
        _engine = new Engine(options =>
        {
            options.Strict = true;
            options.Interop.Enabled = false;              // no CLR: AllowClr is never called
            options.Host.StringCompilationAllowed = false; // no eval, no Function('...') through any constructor
            options.Culture = CultureInfo.InvariantCulture;
            options.TimeZone = TimeZoneInfo.Utc;
            options.TimeoutInterval(limits.Timeout);
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MaxMemoryBytes);
            options.LimitRecursion(limits.MaxRecursion);
            options.RegexTimeoutInterval(limits.Timeout);
            options.MaxArraySize(limits.MaxArrayLength);
            options.Constraints.StackOverflowGuard = true;
        });
        SandboxLockdown.Apply(_engine, limits);
    }

    /// <summary>Runs the expression over the scope's roots and returns its raw value.</summary>
    /// <remarks>The value belongs to this engine: read it before the engine goes back to the pool.</remarks>
    public JsValue Run(CompiledExpression compiled, ExpressionScope scope)
    {
        var function = FunctionFor(compiled);
        var parameters = compiled.Parameters;
        var arguments = new JsValue[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = JsonInput.ToJs(_engine, scope.Roots[parameters[i]]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = _engine.Call(function, arguments);
        // Jint checks its memory limit between statements; one native call of a one-statement expression can
        // allocate past it unseen. What was allocated still counts.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > _limits.MaxMemoryBytes)
            throw new Jint.Runtime.MemoryLimitExceededException($"Script has allocated {allocated} but is limited to {_limits.MaxMemoryBytes}");
        return value;
    }

    private JsValue FunctionFor(CompiledExpression compiled)
    {
        if (_functions.TryGetValue(compiled, out var function)) return function;
        if (_functions.Count >= MaxFunctions) _functions.Clear();
        function = _engine.Evaluate(compiled.Program);
        _functions[compiled] = function;
        return function;
    }
}
