using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Definitions.Versions;

/// <summary>
/// The content of a definition as JSON with sorted keys and no whitespace: comments and
/// layout of the YAML do not change it, so its SHA-256 identifies what a version means.
/// </summary>
public static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// The canonical form of a JSON text as UTF-8, appended to <paramref name="output"/>: the same bytes as
    /// <see cref="Write(JsonNode?)"/> of the parsed text, read with <see cref="JsonDocument"/> instead of building
    /// a <see cref="JsonNode"/> tree (the audit chain hashes every event this way, and the tree was most of its cost).
    /// <paramref name="skipRootProperty"/> leaves one property of the root object out.
    /// </summary>
    public static void WriteTo(IBufferWriter<byte> output, ReadOnlyMemory<byte> utf8Json, string? skipRootProperty = null)
    {
        using var document = JsonDocument.Parse(utf8Json);
        WriteTo(output, document.RootElement, skipRootProperty);
    }

    /// <inheritdoc cref="WriteTo(IBufferWriter{byte}, ReadOnlyMemory{byte}, string?)"/>
    public static void WriteTo(IBufferWriter<byte> output, string json, string? skipRootProperty = null)
    {
        using var document = JsonDocument.Parse(json);
        WriteTo(output, document.RootElement, skipRootProperty);
    }

    private static void WriteTo(IBufferWriter<byte> output, JsonElement root, string? skipRootProperty)
    {
        var written = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(written))
            if (Write(writer, root, skipRootProperty))
            {
                writer.Flush();
                output.Write(written.WrittenSpan);
                return;
            }
        // An object with a property twice (only a tampered or hand-made text has one): the node tree decides what
        // that means, as it always did.
        var node = JsonNode.Parse(root.GetRawText());
        if (skipRootProperty is not null && node is JsonObject obj) obj.Remove(skipRootProperty);
        using var fallback = new Utf8JsonWriter(output);
        Write(fallback, node);
    }

    /// <summary>False when an object names a property twice (nothing is flushed then).</summary>
    private static bool Write(Utf8JsonWriter writer, JsonElement element, string? skipProperty = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject())
                    if (skipProperty is null || property.Name != skipProperty)
                        properties.Add((property.Name, property.Value));
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 1; i < properties.Count; i++)
                    if (properties[i].Name == properties[i - 1].Name) return false;
                writer.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    if (!Write(writer, value)) return false;
                }
                writer.WriteEndObject();
                return true;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    if (!Write(writer, item)) return false;
                writer.WriteEndArray();
                return true;
            default:
                element.WriteTo(writer);
                return true;
        }
    }
}
