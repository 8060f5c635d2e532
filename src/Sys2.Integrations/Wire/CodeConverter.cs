using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Integrations.Wire;

/// <summary>
/// An identifier of a call's inputs (a foglio, a protocol number): text, or a whole number taken as
/// its digits, since forms and expressions write foglio 12 as often as "12". Put on the fields that
/// are codes; elsewhere a number where text belongs stays an error.
/// </summary>
public sealed class CodeConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : throw new JsonException("must be text or a whole number");
        var text = reader.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
