using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>A field a definition may have, with the schema's description (Italian / English), for the editor's suggestions.</summary>
public sealed record SchemaHint(string Key, string Description);

/// <summary>
/// The field names of the definition schema the loader checks against (the one embedded in Sys2.Workflows), offered by
/// the editor as completions: Monaco's YAML mode knows no schema, and the names are most of what a designer looks up.
/// </summary>
public static class SchemaHints
{
    private static readonly Lazy<IReadOnlyList<SchemaHint>> Hints = new(Read);
    private static readonly Lazy<string> AsJson = new(() =>
        System.Text.Json.JsonSerializer.Serialize(Hints.Value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));

    public static IReadOnlyList<SchemaHint> All => Hints.Value;

    /// <summary>The hints as JSON for the page's script; the serializer escapes <c>&lt;</c>, so it is safe inside a script element.</summary>
    public static string Json => AsJson.Value;

    private static IReadOnlyList<SchemaHint> Read()
    {
        using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream(SchemaCheck.ResourceName)
            ?? throw new InvalidOperationException($"{SchemaCheck.ResourceName} is not embedded in Sys2.Workflows");
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonNode.Parse(stream), found);
        return [.. found.Select(f => new SchemaHint(f.Key, f.Value))];
    }

    /// <summary>Every <c>properties</c> object anywhere in the schema; a name described in several places keeps its first description.</summary>
    private static void Walk(JsonNode? node, SortedDictionary<string, string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties)
                    foreach (var (key, value) in properties)
                        if (!found.TryGetValue(key, out var known) || known.Length == 0)
                            found[key] = value?["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : "";
                foreach (var (_, value) in obj) Walk(value, found);
                break;
            case JsonArray array:
                foreach (var item in array) Walk(item, found);
                break;
        }
    }
}
