using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Sys2.Workflows.Definitions.Loading;

/// <summary>
/// The first validation pass: <c>workflows/workflow.schema.json</c>, the same schema the
/// designers' editor uses, shipped inside this assembly so the engine and the editor agree.
/// </summary>
public static class SchemaCheck
{
    public const string ResourceName = "workflow.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(SchemaCheck).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    public static void Check(YamlDocument document, List<DefinitionProblem> problems)
    {
        if (document.Root is null) return;
        using var json = JsonDocument.Parse(document.Root.ToJsonString());
        var results = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid) return;
        var seen = new HashSet<string>();
        foreach (var (pointer, message) in Failures(results))
        {
            // An unknown field is best shown at its name, where the designer mistyped it.
            var where = message.StartsWith(UnknownFieldPrefix, StringComparison.Ordinal) ? document.KeyAt(pointer) : document.ValueAt(pointer);
            var problem = new DefinitionProblem(where, $"schema: {Describe(pointer)}{message}");
            if (seen.Add(problem.ToString())) problems.Add(problem);
        }
    }

    // A oneOf that fails reports every alternative; only the closest one (fewest errors) helps a designer.
    private static IEnumerable<(string Pointer, string Message)> Failures(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        if (node.Errors is { Count: > 0 })
            foreach (var (keyword, error) in node.Errors)
                if (keyword != "oneOf" || node.Details is not { Count: > 0 })
                    yield return (node.InstanceLocation.ToString(), keyword == "" ? UnknownField(node.InstanceLocation.ToString()) : error);
        // An `if` that does not hold is no error: it only means its `then` does not apply.
        var failing = (node.Details ?? []).Where(d => !d.IsValid && !d.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal)).ToList();
        if (node.EvaluationPath.ToString().EndsWith("/oneOf", StringComparison.Ordinal) || failing.Any(IsOneOfAlternative))
        {
            var alternatives = failing.Where(IsOneOfAlternative).ToList();
            var others = failing.Except(alternatives);
            if (alternatives.Count > 0)
            {
                // An alternative that rejects fields the value has (a wait step read as a call) is
                // further away than one that only finds fault inside them.
                var closest = alternatives.MinBy(a => (Failures(a).Count(f => f.Message.StartsWith(UnknownFieldPrefix, StringComparison.Ordinal)), Failures(a).Count()))!;
                foreach (var failure in Failures(closest)) yield return failure;
            }
            foreach (var other in others)
                foreach (var failure in Failures(other)) yield return failure;
            yield break;
        }
        foreach (var child in failing)
            foreach (var failure in Failures(child)) yield return failure;
    }

    private const string UnknownFieldPrefix = "unknown field";

    // A property against `additionalProperties: false` fails "the false schema": say which field.
    private static string UnknownField(string pointer) =>
        $"{UnknownFieldPrefix} '{pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/").Replace("~0", "~")}'";

    private static bool IsOneOfAlternative(EvaluationResults r)
    {
        var path = r.EvaluationPath.ToString();
        var slash = path.LastIndexOf('/');
        return slash > 0 && path[..slash].EndsWith("/oneOf", StringComparison.Ordinal);
    }

    private static string Describe(string pointer) => pointer is "" or "/" ? "" : $"at {pointer}: ";
}
