using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sys2.Integrations.Wire;

/// <summary>
/// A JSON body on its way into a wire record: a system's answer, or a call's <c>with:</c> inputs.
/// Whatever is wrong with it becomes a non-transient <see cref="IntegrationException"/> naming the
/// field by its full path (<c>fees.istruttoria</c>, <c>parcel.foglio</c>), so an operator reading
/// the incident knows what was missing or ill-typed and on which side. Retrying would fail the same way.
/// </summary>
public readonly partial record struct WireBody(string System, string Source)
{
    /// <summary>What <paramref name="system"/> answered: a bad field is a malformed answer.</summary>
    public static WireBody Answer(string system) => new(system, "malformed answer");

    /// <summary>The inputs of <paramref name="call"/>: a bad field is the definition's fault.</summary>
    public static WireBody Input(string system, ActivityCall call) => new(system, $"invalid input to {call.Activity}");

    /// <summary>The inputs of <paramref name="call"/> as <typeparamref name="T"/>, read with <see cref="WireJson.Inputs"/>.</summary>
    public static T ReadInput<T>(string system, ActivityCall call) => Input(system, call).Read<T>(call.Input, WireJson.Inputs);

    public T Read<T>(JsonNode body) => Read<T>(body, WireJson.Options);

    public T Read<T>(JsonNode body, JsonSerializerOptions options)
    {
        try
        {
            return body.Deserialize<T>(options) ?? throw Fail("the body is null");
        }
        catch (JsonException e)
        {
            throw Explain(e, body);
        }
    }

    /// <summary>A failure about <paramref name="field"/> (its full path) that only the reader can judge: a bad code, an impossible value.</summary>
    public IntegrationException Invalid(string field, string problem) => Fail($"field '{field}' {problem}");

    public IntegrationException Fail(string problem) => new(System, $"{Source}: {problem}", transient: false);

    // System.Text.Json says where (Path) and, in its own words, what; the words are turned into the
    // project's ("is missing", "must be …") so every failure reads the same whichever side it is on.
    private IntegrationException Explain(JsonException e, JsonNode body)
    {
        var field = FieldOf(e.Path);
        var message = e.Message;
        if (MissingProperty().Match(message) is { Success: true } missing)
            return Invalid(field.Length == 0 ? missing.Groups[1].Value : $"{field}.{missing.Groups[1].Value}", "is missing");
        if (message.Contains("doesn't allow null values", StringComparison.Ordinal))
            return Invalid(field, "is missing");
        if (field.Length == 0)
            return Fail($"expected a JSON object ({message})");
        // A converter's own message (a date, a share) already says what is wrong.
        if (!message.Contains(" Path: ", StringComparison.Ordinal))
            return Invalid(field, message);
        var node = At(body, field);
        return Invalid(field, $"has the wrong type or format, got {KindOf(node)} {Truncate(node?.ToJsonString())}");
    }

    private static string FieldOf(string? path) => path is null or "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static JsonNode? At(JsonNode body, string field)
    {
        JsonNode? node = body;
        foreach (Match step in Step().Matches(field))
            node = step.Groups["index"].Success ? (node as JsonArray)?.ElementAtOrDefault(int.Parse(step.Groups["index"].Value)) : (node as JsonObject)?[step.Groups["name"].Value];
        return node;
    }

    private static string KindOf(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
