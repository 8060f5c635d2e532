using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Integrations.SigmaTer;

/// <summary>Writes a <see cref="Quota"/> as the visura shows it, <c>"1/2"</c>, so a clerk reads it as is.</summary>
public sealed class QuotaJsonConverter : JsonConverter<Quota>
{
    public override Quota Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Quota.TryParse(reader.GetString(), out var quota)
            ? quota
            : throw new JsonException($"must be a fraction such as 1/2, got {(reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : reader.TokenType.ToString().ToLowerInvariant())}");

    public override void Write(Utf8JsonWriter writer, Quota value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
