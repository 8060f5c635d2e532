using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Workflows.Definitions.Validation;

/// <summary>A definition id names one procedure: two files with the same id are a mistake.</summary>
internal static class DuplicateIdCheck
{
    /// <summary>The problem for each load whose id an earlier load already uses, keyed by load.</summary>
    public static Dictionary<DefinitionLoad, DefinitionProblem> Run(IReadOnlyList<DefinitionLoad> loads)
    {
        var first = new Dictionary<string, DefinitionLoad>(StringComparer.Ordinal);
        var problems = new Dictionary<DefinitionLoad, DefinitionProblem>(ReferenceEqualityComparer.Instance);
        foreach (var load in loads)
        {
            if (load.Definition is not { } d) continue;
            if (first.TryGetValue(d.Id, out var earlier))
                problems[load] = new DefinitionProblem(d.IdWhere.Or(new SourceSpan(load.File, 1, 1)),
                    $"definition id '{d.Id}' is already used by {earlier.File}");
            else first[d.Id] = load;
        }
        return problems;
    }
}
