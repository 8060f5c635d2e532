using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Integrations;

/// <summary>
/// Typed reads of a JSON object that fail with a non-transient <see cref="IntegrationException"/>
/// naming the field by its full path (<c>fees.istruttoria</c>, <c>parcel.foglio</c>), so an
/// operator reading an incident knows what was missing or ill-typed and on which side.
/// </summary>
public sealed class JsonFields
{
    private readonly string _system;
    private readonly string _source;
    private readonly string _path;

    private JsonFields(string system, string source, JsonObject node, string path)
    {
        _system = system;
        _source = source;
        _path = path;
        Node = node;
    }

    public JsonObject Node { get; }

    /// <summary>Fields of what <paramref name="system"/> answered: a bad one is a malformed answer.</summary>
    public static JsonFields Answer(string system, JsonObject node) => new(system, "malformed answer", node, string.Empty);

    /// <summary>Fields of what a <c>call</c> step passed (its <c>with:</c>): a bad one is a wrong request.</summary>
    public static JsonFields Input(string system, JsonObject node) => new(system, "invalid input", node, string.Empty);

    public bool Has(string name) => Node[name] is not null;

    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    /// <summary>A string, or null when absent, JSON null or blank.</summary>
    public string? OptionalString(string name)
    {
        var node = Node[name];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) throw WrongType(name, "a string", node);
        var value = node.GetValue<string>();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public long Integer(string name) => OptionalInteger(name) ?? throw Missing(name);

    public long? OptionalInteger(string name)
    {
        var node = Node[name];
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
        var node = Node[name] ?? throw Missing(name);
        return Number(node) is { } n && n.TryGetDecimal(out var value) ? value : throw WrongType(name, "a number", node);
    }

    public bool Boolean(string name)
    {
        var node = Node[name] ?? throw Missing(name);
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false", node),
        };
    }

    public JsonFields Object(string name) => OptionalObject(name) ?? throw Missing(name);

    public JsonFields? OptionalObject(string name)
    {
        var node = Node[name];
        return node switch
        {
            null => null,
            JsonObject o => new JsonFields(_system, _source, o, PathOf(name)),
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
                ? new JsonFields(_system, _source, o, $"{PathOf(name)}[{i}]")
                : throw Fail($"field '{PathOf(name)}[{i}]' must be an object, got {KindOf(array[i])}"));
        }

        return items;
    }

    public IReadOnlyList<string> Strings(string name)
    {
        var array = Array(name);
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            items.Add(item is not null && item.GetValueKind() == JsonValueKind.String
                ? item.GetValue<string>()
                : throw Fail($"field '{PathOf(name)}[{i}]' must be a string, got {KindOf(item)}"));
        }

        return items;
    }

    /// <summary>A failure about <paramref name="name"/> that only the caller can judge (a bad code, an impossible value).</summary>
    public IntegrationException Invalid(string name, string problem) => Fail($"field '{PathOf(name)}' {problem}");

    private JsonArray Array(string name) => Node[name] switch
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
