using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Integrations.Wire;

/// <summary>
/// A string of a call's inputs, trimmed, since forms and pasted values carry stray spaces; a blank
/// one is null, so a required field left blank is reported missing.
/// </summary>
public sealed class TrimmedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException($"must be text, got {reader.TokenType.ToString().ToLowerInvariant()}");
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
