namespace Sys2.Workflows.Expressions;

/// <summary>Static analysis for the definition validator: which roots an expression reads. Nothing is evaluated.</summary>
public static class ExpressionReferences
{
    /// <summary>
    /// The free identifiers of <paramref name="expression"/> (its roots) with the first member read from each, in
    /// source order, one entry per occurrence. Parameters and variables the expression declares itself (e.g. the
    /// <c>x</c> of <c>items.map(x => x.fee)</c>) and the sandbox globals (<c>Math</c>, <c>JSON</c>, <c>parseInt</c>, ...) are not roots.
    /// </summary>
    /// <exception cref="ExpressionException">With <see cref="ExpressionErrorKind.Syntax"/> and the column of the error, for
    /// text that is not one strict-mode expression, and for async functions, which the sandbox refuses the same way.</exception>
    public static IReadOnlyList<ExpressionReference> Find(string expression)
        => ExpressionAnalysis.Of(expression).References;
}
