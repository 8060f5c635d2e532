namespace Sys2.Workflows.Expressions;

/// <summary>An expression could not be analysed or evaluated. The message names the expression and the cause.</summary>
public sealed class ExpressionException : Exception
{
    private const int QuotedLength = 120;

    public ExpressionException(string expression, ExpressionErrorKind kind, string cause, int? column = null, Exception? innerException = null)
        : base(Describe(expression, kind, cause, column), innerException)
    {
        Expression = expression;
        Kind = kind;
        Column = column;
        Cause = cause;
    }

    /// <summary>The full text of the expression.</summary>
    public string Expression { get; }

    public ExpressionErrorKind Kind { get; }

    /// <summary>1-based position in the expression text where the problem was found, when known.</summary>
    public int? Column { get; }

    /// <summary>The cause alone, without the expression (e.g. <c>it ran longer than 250 ms</c>).</summary>
    public string Cause { get; }

    private static string Describe(string expression, ExpressionErrorKind kind, string cause, int? column)
    {
        var quoted = Quote(expression);
        var at = column is { } c ? $" at column {c}" : "";
        return kind switch
        {
            ExpressionErrorKind.Syntax => $"expression {quoted} is not valid{at}: {cause}",
            ExpressionErrorKind.Timeout or ExpressionErrorKind.StatementLimit or ExpressionErrorKind.MemoryLimit
                or ExpressionErrorKind.RecursionLimit => $"expression {quoted} stopped{at}: {cause}",
            ExpressionErrorKind.NotBoolean => $"condition {quoted} {cause}",
            _ => $"expression {quoted} failed{at}: {cause}",
        };
    }

    internal static string Quote(string expression)
    {
        var oneLine = expression.ReplaceLineEndings(" ").Trim();
        if (oneLine.Length > QuotedLength)
            oneLine = string.Concat(oneLine.AsSpan(0, QuotedLength), "…");
        return $"`{oneLine}`";
    }
}
