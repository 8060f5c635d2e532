using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sys2.Integrations;

/// <summary>
/// Typed reads of a JSON object, either a system's answer or a call's <c>with:</c> inputs, that
/// fail with a non-transient <see cref="IntegrationException"/> naming the field by its full path
/// (<c>fees.istruttoria</c>, <c>parcel.foglio</c>), so an operator reading an incident knows what
/// was missing or ill-typed and on which side. Retrying would fail the same way.
/// </summary>
public sealed class JsonFields
{
    private readonly string _system;
    private readonly string _source;
    private readonly bool _isInput;
    private readonly JsonObject _node;
    private readonly string _path;

    private JsonFields(string system, string source, bool isInput, JsonObject node, string path)
    {
        _system = system;
        _source = source;
        _isInput = isInput;
        _node = node;
        _path = path;
    }

    /// <summary>Fields of what <paramref name="system"/> answered: a bad one is a malformed answer.</summary>
    public static JsonFields Answer(string system, JsonObject node) => new(system, "malformed answer", isInput: false, node, string.Empty);

    /// <summary>
    /// The inputs of <paramref name="call"/>: a bad one is the definition's fault. Their strings are
    /// trimmed, since forms and pasted values carry stray spaces; an answer is taken as sent.
    /// </summary>
    public static JsonFields Input(string system, ActivityCall call) =>
        new(system, $"invalid input to {call.Activity}", isInput: true, call.Input, string.Empty);

    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    /// <summary>A string, or null when absent, JSON null or blank.</summary>
    public string? OptionalString(string name)
    {
        var node = _node[name];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw WrongType(name, "a string", node);
        var value = node.GetValue<string>();
        if (string.IsNullOrWhiteSpace(value)) return null;
        return _isInput ? value.Trim() : value;
    }

    public string Code(string name) => OptionalCode(name) ?? throw Missing(name);

    /// <summary>
    /// An identifier, or null: text, or a whole number taken as its digits, since forms and
    /// expressions write foglio 12 as often as "12" (a procedure code of 42 stays an error).
    /// </summary>
    public string? OptionalCode(string name) =>
        _node[name] is { } node && Number(node) is { } n && n.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : OptionalString(name);

    public long Integer(string name) => OptionalInteger(name) ?? throw Missing(name);

    public long? OptionalInteger(string name)
    {
        var node = _node[name];
        if (node is null) return null;
        if (Number(node) is { } n)
        {
            if (n.TryGetInt64(out var value)) return value;
            if (n.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue) return (long)d;
        }

        throw WrongType(name, "an integer", node);
    }

    public decimal Decimal(string name)
    {
        var node = _node[name] ?? throw Missing(name);
        return Number(node) is { } n && n.TryGetDecimal(out var value) ? value : throw WrongType(name, "a number", node);
    }

    public bool Boolean(string name)
    {
        var node = _node[name] ?? throw Missing(name);
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false", node),
        };
    }

    public DateOnly Date(string name) => OptionalDate(name) ?? throw Missing(name);

    /// <summary>A <c>yyyy-MM-dd</c> date; an input may also be a date-time, whose date is taken.</summary>
    public DateOnly? OptionalDate(string name)
    {
        var text = OptionalString(name);
        if (text is null) return null;
        var date = _isInput && text.Length > 10 && text[10] == 'T' ? text[..10] : text;
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Invalid(name, $"must be a date yyyy-MM-dd, got '{text}'");
    }

    /// <summary>An ISO 8601 date-time with its offset.</summary>
    public DateTimeOffset Instant(string name)
    {
        var text = String(name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : throw Invalid(name, $"must be an ISO 8601 instant, got '{text}'");
    }

    public JsonFields Object(string name) => OptionalObject(name) ?? throw Missing(name);

    public JsonFields? OptionalObject(string name)
    {
        var node = _node[name];
        return node switch
        {
            null => null,
            JsonObject o => new JsonFields(_system, _source, _isInput, o, PathOf(name)),
            _ => throw WrongType(name, "an object", node),
        };
    }

    /// <summary>An array of objects (absent = failure; empty is allowed).</summary>
    public IReadOnlyList<JsonFields> Objects(string name)
    {
        var array = Array(name);
        var items = new List<JsonFields>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            items.Add(array[i] is JsonObject o
                ? new JsonFields(_system, _source, _isInput, o, $"{PathOf(name)}[{i}]")
                : throw Fail($"field '{PathOf(name)}[{i}]' must be an object, got {KindOf(array[i])}"));
        }

        return items;
    }

    public Party Party() => new(OptionalString("fiscalCode"), OptionalString("name"), OptionalString("email"), OptionalString("phone"));

    /// <summary>A failure about <paramref name="name"/> that only the caller can judge (a bad code, an impossible value).</summary>
    public IntegrationException Invalid(string name, string problem) => Fail($"field '{PathOf(name)}' {problem}");

    private JsonArray Array(string name) => _node[name] switch
    {
        null => throw Missing(name),
        JsonArray a => a,
        var other => throw WrongType(name, "an array", other),
    };

    private string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private IntegrationException Missing(string name) => Fail($"field '{PathOf(name)}' is missing");

    private IntegrationException WrongType(string name, string expected, JsonNode? node) =>
        Fail($"field '{PathOf(name)}' must be {expected}, got {KindOf(node)} {Truncate(node?.ToJsonString())}");

    private IntegrationException Fail(string problem) => new(_system, $"{_source}: {problem}", transient: false);

    // A node built in memory (new JsonObject { ["foglio"] = 4 }) holds an int, not a parsed
    // element: TryGetValue<long> would fail on it, so numbers are read through a JsonElement.
    private static JsonElement? Number(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? JsonSerializer.SerializeToElement(node) : null;

    private static string KindOf(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..57] + "...";
}
