using System.Globalization;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Integrations.Http.Adapters;

/// <summary>
/// Reads the fields of a system's JSON answer. A missing or ill-typed field is a malformed
/// answer: a non-transient <see cref="IntegrationException"/> that names the field, so the
/// incident says what the system got wrong.
/// </summary>
public sealed class AnswerFields(string system, JsonObject answer, string path = "")
{
    public JsonObject Json => answer;

    public string String(string name)
    {
        if (answer[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            return text;
        throw Malformed(name, answer[name] is null ? "is missing" : "is not a non-empty string");
    }

    public string? OptionalString(string name) =>
        answer[name] is null ? null : String(name);

    public long Long(string name)
    {
        if (answer[name] is JsonValue value && value.TryGetValue<long>(out var number)) return number;
        throw Malformed(name, answer[name] is null ? "is missing" : "is not an integer");
    }

    public DateTimeOffset Instant(string name) =>
        DateTimeOffset.TryParse(String(name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            ? instant
            : throw Malformed(name, $"'{answer[name]}' is not an ISO 8601 date-time");

    public DateOnly Date(string name) =>
        DateOnly.TryParseExact(String(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Malformed(name, $"'{answer[name]}' is not a yyyy-MM-dd date");

    public AnswerFields Object(string name) =>
        answer[name] is JsonObject inner
            ? new AnswerFields(system, inner, Name(name) + ".")
            : throw Malformed(name, answer[name] is null ? "is missing" : "is not an object");

    public IReadOnlyList<AnswerFields> Array(string name) =>
        answer[name] is JsonArray items
            ? items.Select((item, i) => item is JsonObject o
                ? new AnswerFields(system, o, $"{Name(name)}[{i}].")
                : throw Malformed($"{name}[{i}]", "is not an object")).ToList()
            : throw Malformed(name, answer[name] is null ? "is missing" : "is not an array");

    public IntegrationException Malformed(string name, string problem) =>
        new(system, $"malformed answer: field '{Name(name)}' {problem}", transient: false);

    private string Name(string name) => path + name;
}
