using Acornima;
using Acornima.Ast;

namespace Sys2.Workflows.Expressions;

/// <summary>Parses expression text as exactly one strict-mode JavaScript expression.</summary>
internal static class ExpressionSyntax
{
    private static readonly ParserOptions Options = new() { Tolerant = false };

    public static Expression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (string.IsNullOrWhiteSpace(expression))
            throw new ExpressionException(expression, ExpressionErrorKind.Syntax, "it is empty", column: 1);
        try
        {
            return new Parser(Options).ParseExpression(expression, sourceFile: null, strict: true);
        }
        catch (ParseErrorException error)
        {
            var column = error.Error.IsIndexDefined ? error.Error.Index + 1 : Math.Max(error.Column, 1);
            throw new ExpressionException(expression, ExpressionErrorKind.Syntax, error.Description, column, error);
        }
    }
}
