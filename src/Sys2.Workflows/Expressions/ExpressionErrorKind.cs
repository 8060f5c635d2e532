namespace Sys2.Workflows.Expressions;

/// <summary>Why an expression could not produce a value.</summary>
public enum ExpressionErrorKind
{
    /// <summary>The text is not a single, valid (strict mode) JavaScript expression.</summary>
    Syntax,
    /// <summary>The evaluation ran longer than <see cref="ExpressionLimits.Timeout"/>.</summary>
    Timeout,
    /// <summary>The evaluation executed more than <see cref="ExpressionLimits.MaxStatements"/> statements.</summary>
    StatementLimit,
    /// <summary>The evaluation allocated, or tried to build a string, array or result, beyond <see cref="ExpressionLimits.MaxMemoryBytes"/>.</summary>
    MemoryLimit,
    /// <summary>A function recursed deeper than <see cref="ExpressionLimits.MaxRecursion"/>.</summary>
    RecursionLimit,
    /// <summary>The expression threw (TypeError, ReferenceError, ...) or produced a value JSON cannot hold.</summary>
    Runtime,
    /// <summary>A condition evaluated to something other than <c>true</c> or <c>false</c>.</summary>
    NotBoolean,
}
