using System.Text.Json.Nodes;

namespace Sys2.Workflows.Integrations.Inputs;

/// <summary>A definition's <c>party</c> value: the applicant, the supplier, a professional. Every field is optional.</summary>
public sealed record Party(string? FiscalCode, string? Name, string? Email, string? Phone)
{
    /// <summary>How the party is named in messages: the name, else the fiscal code, else the contact.</summary>
    public string Label => Name ?? FiscalCode ?? Email ?? Phone ?? "(unnamed party)";

    public static Party From(JsonObject json) => new(
        Text(json, "fiscalCode"), Text(json, "name"), Text(json, "email"), Text(json, "phone"));

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
