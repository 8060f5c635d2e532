using System.Globalization;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Integrations.Inputs;

/// <summary>
/// Reads a call's <c>with:</c> values. A missing or ill-typed input is the definition's fault,
/// so it is a non-transient <see cref="IntegrationException"/> naming the input: retrying
/// would fail the same way.
/// </summary>
public sealed class ActivityInput(string system, ActivityCall call)
{
    public string String(string name) =>
        OptionalString(name) ?? throw Wrong(name, "is missing or blank");

    public string? OptionalString(string name) => call.Input[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        // Expressions may yield a number where a string is meant (a protocol number, say).
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => throw Wrong(name, "is not a string"),
    };

    public long Long(string name) => call.Input[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15 => (long)d,
        null => throw Wrong(name, "is missing"),
        _ => throw Wrong(name, "is not a whole number"),
    };

    public DateOnly? OptionalDate(string name)
    {
        var text = OptionalString(name);
        if (text is null) return null;
        return DateOnly.TryParse(text.Length > 10 ? text[..10] : text, CultureInfo.InvariantCulture, out var date)
            ? date
            : throw Wrong(name, $"'{text}' is not a date");
    }

    public JsonObject Object(string name) =>
        OptionalObject(name) ?? throw Wrong(name, "is missing");

    public JsonObject? OptionalObject(string name) => call.Input[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Wrong(name, "is not an object"),
    };

    public Party Party(string name) => Inputs.Party.From(Object(name));

    public IntegrationException Wrong(string name, string problem) =>
        new(system, $"{call.Activity}: input '{name}' {problem}", transient: false);
}
