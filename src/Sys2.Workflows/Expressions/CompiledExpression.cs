using Acornima.Ast;
using Jint;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// An expression prepared for the engines, for one set of roots: the script <c>((inputs, vars) => (EXPR))</c>
/// evaluates to a function whose parameters are the roots the expression mentions and the scope provides.
/// Roots the scope lacks stay free identifiers, so reading them is a ReferenceError, as in plain JavaScript.
/// </summary>
internal sealed class CompiledExpression
{
    /// <summary>The expression text starts on this (1-based) line of the prepared script.</summary>
    public const int FirstLine = 2;

    public CompiledExpression(string expression, string[] parameters)
    {
        Expression = expression;
        Parameters = parameters;
        var source = $"(({string.Join(", ", parameters)}) => (\n{expression}\n))";
        Program = Engine.PrepareScript(source, source: null, strict: true);
    }

    public string Expression { get; }

    public string[] Parameters { get; }

    public Prepared<Script> Program { get; }
}
