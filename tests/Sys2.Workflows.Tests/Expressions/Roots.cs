using System.Text.Json.Nodes;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Tests.Expressions;

/// <summary>Builds expression scopes from JSON text: each top-level member becomes a root.</summary>
internal static class Roots
{
    public static ExpressionScope From(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var roots = new Dictionary<string, JsonNode?>();
        foreach (var (name, value) in obj) roots[name] = value?.DeepClone();
        return new ExpressionScope(roots);
    }

    /// <summary>A practice (pratica) as the engine would hand it to expressions.</summary>
    public static ExpressionScope Practice(string applicantType = "G") => From($$"""
        {
          "inputs": {
            "applicant": { "name": "Società Agricola Perù", "type": "{{applicantType}}", "city": "Forlì" },
            "items": [ { "fee": 16 }, { "fee": 32.5 } ]
          },
          "vars": { "fee": 48.5, "rate": 0.22, "code": "SUAP-7" },
          "result": { "fees": { "istruttoria": 12.5, "bollo": 16 } },
          "now": "2025-03-14T09:30:00Z"
        }
        """);
}
