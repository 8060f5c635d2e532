using System.Text.Json.Nodes;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// The named JSON values an expression can read, e.g. <c>inputs</c>, <c>vars</c>, <c>result</c>, <c>event</c>, <c>now</c>.
/// The expression sees a frozen copy of each root it mentions: it can never change the caller's <see cref="JsonNode"/>s.
/// </summary>
/// <remarks>
/// A root name must be a JavaScript identifier an expression can actually write: not a reserved word
/// (so not <c>case</c>, <c>class</c>, <c>new</c>, ...) and not one of the sandbox globals (<c>Math</c>, <c>JSON</c>, ...).
/// </remarks>
public sealed record ExpressionScope(IReadOnlyDictionary<string, JsonNode?> Roots)
{
    public static ExpressionScope Empty { get; } = new(new Dictionary<string, JsonNode?>());

    public IReadOnlyDictionary<string, JsonNode?> Roots { get; } = Validated(Roots);

    /// <summary>A scope with <paramref name="name"/> set to <paramref name="value"/> (added or replaced).</summary>
    public ExpressionScope With(string name, JsonNode? value)
    {
        var roots = new Dictionary<string, JsonNode?>(Roots, StringComparer.Ordinal) { [name] = value };
        return new ExpressionScope(roots);
    }

    private static Dictionary<string, JsonNode?> Validated(IReadOnlyDictionary<string, JsonNode?> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var copy = new Dictionary<string, JsonNode?>(roots.Count, StringComparer.Ordinal);
        foreach (var (name, value) in roots)
        {
            if (RootNames.Problem(name) is { } problem)
                throw new ArgumentException($"Expression root `{name}` cannot be used: {problem}.", nameof(Roots));
            copy[name] = value;
        }
        return copy;
    }
}
