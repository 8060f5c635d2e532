using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Integrations.Wire;

/// <summary>A <c>yyyy-MM-dd</c> date of a call's inputs; a date-time (an expression's <c>now</c>) gives its date.</summary>
public sealed class InputDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()!.Trim() : throw new JsonException("must be a date yyyy-MM-dd");
        var date = text.Length > 10 && text[10] == 'T' ? text[..10] : text;
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new JsonException($"must be a date yyyy-MM-dd, got '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
