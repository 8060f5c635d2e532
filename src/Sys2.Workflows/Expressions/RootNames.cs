namespace Sys2.Workflows.Expressions;

/// <summary>Which names can be expression roots, and which names are the sandbox's own globals.</summary>
internal static class RootNames
{
    /// <summary>
    /// The globals an expression can use. Everything else the JavaScript engine offers is removed, so these are
    /// never roots (<see cref="ExpressionReferences"/> skips them) and a root may not be named like them.
    /// </summary>
    public static readonly IReadOnlySet<string> Globals = new HashSet<string>(StringComparer.Ordinal)
    {
        "undefined", "NaN", "Infinity", "globalThis",
        "Object", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Math", "JSON", "RegExp",
        "Map", "Set", "WeakMap", "WeakSet", "Reflect", "Iterator",
        "Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError",
        "parseInt", "parseFloat", "isNaN", "isFinite",
        "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI",
    };

    /// <summary>Reserved words of strict-mode JavaScript, plus the names strict mode forbids as parameters.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
        "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public", "await",
        "arguments", "eval",
    };

    /// <summary>Prefix of the sandbox's own internal names.</summary>
    public const string InternalPrefix = "__sys2";

    /// <summary>Why <paramref name="name"/> cannot be a root, or <c>null</c> when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a root needs a name";
        if (!IsIdentifier(name)) return "it is not a JavaScript identifier (letters, digits, _ and $, not starting with a digit)";
        if (Reserved.Contains(name)) return "it is a JavaScript reserved word, so an expression could never read it";
        if (Globals.Contains(name)) return "it is the name of a JavaScript global the expressions use";
        if (name.StartsWith(InternalPrefix, StringComparison.Ordinal)) return $"names starting with {InternalPrefix} are reserved for the sandbox";
        return null;
    }

    private static bool IsIdentifier(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is '_' or '$' || char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiDigit(c));
            if (!ok) return false;
        }
        return true;
    }
}
