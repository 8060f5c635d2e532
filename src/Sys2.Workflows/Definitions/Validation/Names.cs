namespace Sys2.Workflows.Definitions.Validation;

/// <summary>Small helpers for messages: the closest known name to a typo, and lists of names.</summary>
internal static class Names
{
    /// <summary>The known name closest to <paramref name="name"/> within 2 edits, if one is clearly meant.</summary>
    public static string? Closest(string name, IEnumerable<string> known) =>
        known
            .Select(k => (Name: k, Distance: Levenshtein(name, k)))
            .Where(k => k.Distance > 0 && k.Distance <= 2 && k.Distance < name.Length)
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => k.Name)
            .FirstOrDefault();

    /// <summary><c> (did you mean 'review'?)</c>, or nothing when no known name is close.</summary>
    public static string DidYouMean(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } closest ? $" (did you mean '{closest}'?)" : "";

    /// <summary>Names sorted and joined for a message: <c>fee, protocolNumber</c>, or <c>none</c>.</summary>
    public static string List(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "none" : string.Join(", ", sorted);
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>A position that is known: the preferred one when the loader recorded it, else the fallback.</summary>
    public static SourceSpan Or(this SourceSpan preferred, SourceSpan fallback) => preferred.Line > 0 ? preferred : fallback;
}
