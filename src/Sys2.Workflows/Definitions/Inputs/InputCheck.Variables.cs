using System.Text.Json.Nodes;

namespace Sys2.Workflows.Definitions.Inputs;

// A corrected variable must be what the definition declares, as an input must: the same checks, so a correction
// cannot put into the case a value no step could have put there.
public static partial class InputCheck
{
    /// <summary>Every problem of <paramref name="value"/> as a value of the declared variable <paramref name="spec"/>, by path (<c>variables.name</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> CheckVariable(FieldSpec spec, JsonNode? value)
    {
        var errors = new Errors();
        var path = $"variables.{spec.Name}";
        if (value is null)
        {
            if (spec.Required) errors.Add(path, $"missing: {spec.Name} is required");
        }
        else CheckValue(spec.Type, path, value, errors, []);
        return errors.ToDictionary();
    }
}
