using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Sys2.Workflows.Expressions;

/// <summary>Turns what Jint throws into an <see cref="ExpressionException"/> that names the expression and the cause.</summary>
internal static class SandboxErrors
{
    /// <summary>Whether an engine that threw <paramref name="error"/> may be reused: limits can leave it mid-flight.</summary>
    public static bool EngineStaysUsable(Exception error)
        => error is JavaScriptException or JsonOutput.ResultException;

    public static ExpressionException Map(Exception error, string expression, ExpressionLimits limits) => error switch
    {
        ExpressionException known => known,
        TimeoutException or RegexMatchTimeoutException or ExecutionCanceledException =>
            new(expression, ExpressionErrorKind.Timeout, $"it ran longer than {Milliseconds(limits.Timeout)} ms", innerException: error),
        StatementsCountOverflowException =>
            new(expression, ExpressionErrorKind.StatementLimit, $"it executed more than {limits.MaxStatements} statements", innerException: error),
        MemoryLimitExceededException =>
            new(expression, ExpressionErrorKind.MemoryLimit, $"it allocated more than the {limits.MaxMemoryBytes} bytes allowed ({error.Message})", innerException: error),
        OutOfMemoryException =>
            new(expression, ExpressionErrorKind.MemoryLimit, $"it tried to allocate more memory than the process has", innerException: error),
        RecursionDepthOverflowException =>
            new(expression, ExpressionErrorKind.RecursionLimit, $"a function called itself more than {limits.MaxRecursion} times", innerException: error),
        InsufficientExecutionStackException =>
            new(expression, ExpressionErrorKind.RecursionLimit, "it nested calls deeper than the stack allows", innerException: error),
        JavaScriptException script => Script(script, expression, limits),
        JsonOutput.ResultException result => new(expression, result.Kind, result.Message, innerException: error),
        _ => new(expression, ExpressionErrorKind.Runtime, error.Message, innerException: error),
    };

    private static ExpressionException Script(JavaScriptException error, string expression, ExpressionLimits limits)
    {
        var name = ErrorName(error.Error);
        var message = error.Message;
        var column = Column(error, expression);
        if (name == "RangeError" && (message.Contains(SizeMeter.LimitMessage, StringComparison.Ordinal) || message == "Invalid string length"))
            return new(expression, ExpressionErrorKind.MemoryLimit, $"{message} ({limits.MaxMemoryBytes} bytes)", column, error);
        if (name == "RangeError" && message.Contains("call stack", StringComparison.OrdinalIgnoreCase))
            return new(expression, ExpressionErrorKind.RecursionLimit, message, column, error);
        return new(expression, ExpressionErrorKind.Runtime, name is null ? message : $"{name}: {message}", column, error);
    }

    /// <summary>The <c>name</c> of a thrown error object, read without running any getter.</summary>
    private static string? ErrorName(JsValue thrown)
    {
        var current = thrown as ObjectInstance;
        for (var hops = 0; current is not null && hops < 8; hops++, current = current.Prototype)
        {
            var property = current.GetOwnProperty("name");
            if (property == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined) continue;
            return property.IsDataDescriptor() && property.Value is JsString text ? text.ToString() : null;
        }
        return null;
    }

    /// <summary>The 1-based position in the expression text where the error was thrown, when it was thrown there.</summary>
    private static int? Column(JavaScriptException error, string expression)
    {
        var start = error.Location.Start;
        var line = start.Line - CompiledExpression.FirstLine; // 0-based line within the expression
        if (line < 0 || start.Line == 0) return null;
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var next = expression.IndexOf('\n', offset);
            if (next < 0) return null;
            offset = next + 1;
        }
        var position = offset + start.Column;
        return position <= expression.Length ? position + 1 : null;
    }

    private static long Milliseconds(TimeSpan timeout) => (long)Math.Round(timeout.TotalMilliseconds);
}
