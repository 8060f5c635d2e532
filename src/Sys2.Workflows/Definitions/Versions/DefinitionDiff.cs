using System.Text.Json.Nodes;

namespace Sys2.Workflows.Definitions.Versions;

public enum DiffKind { Added, Removed, Changed }

/// <summary>One value that differs inside a changed item: where (<c>task.role</c>, <c>outcomes.approve</c>), before, after (null: absent).</summary>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>One header field, input, variable, clock or step that two versions do not share as it is.</summary>
public sealed record DiffEntry(string Section, string Name, DiffKind Kind, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// What changed from one version of a definition to another: header fields, inputs, variables, clocks and
/// steps added, removed or changed, and for a changed one every value that differs. Computed on the versions'
/// canonical JSON (the content their hash identifies), so comments and layout of the YAML never show as changes
/// and two versions with the same hash have no difference at all.
/// </summary>
public sealed record DefinitionDiff(IReadOnlyList<DiffEntry> Entries)
{
    public const string Header = "header", Inputs = "inputs", Variables = "variables", Clocks = "clocks", Steps = "steps";

    /// <summary>The sections in the order a definition is written.</summary>
    public static IReadOnlyList<string> Sections { get; } = [Header, Inputs, Variables, Clocks, Steps];

    public bool IsEmpty => Entries.Count == 0;

    public IEnumerable<DiffEntry> In(string section) => Entries.Where(e => e.Section == section);

    public static DefinitionDiff Between(DefinitionVersion from, DefinitionVersion to) => Between(from.CanonicalJson, to.CanonicalJson);

    public static DefinitionDiff Between(string fromCanonicalJson, string toCanonicalJson)
    {
        var from = JsonNode.Parse(fromCanonicalJson) as JsonObject ?? [];
        var to = JsonNode.Parse(toCanonicalJson) as JsonObject ?? [];
        var entries = new List<DiffEntry>();
        foreach (var key in Keys(from, to).Where(k => !Sections.Contains(k)))
        {
            var changes = Compare(key, from[key], to[key]);
            if (changes.Count > 0) entries.Add(new DiffEntry(Header, key, KindOf(from[key], to[key]), changes));
        }
        foreach (var section in Sections.Skip(1))
        {
            var before = from[section] as JsonObject ?? [];
            var after = to[section] as JsonObject ?? [];
            foreach (var name in Keys(before, after))
            {
                var (old, @new) = (before[name], after[name]);
                if (old is null && !before.ContainsKey(name)) entries.Add(new DiffEntry(section, name, DiffKind.Added, []));
                else if (@new is null && !after.ContainsKey(name)) entries.Add(new DiffEntry(section, name, DiffKind.Removed, []));
                else if (Compare("", old, @new) is { Count: > 0 } changes) entries.Add(new DiffEntry(section, name, DiffKind.Changed, changes));
            }
        }
        return new DefinitionDiff(entries);
    }

    private static DiffKind KindOf(JsonNode? before, JsonNode? after) =>
        before is null ? DiffKind.Added : after is null ? DiffKind.Removed : DiffKind.Changed;

    /// <summary>Keys of both objects, the earlier version's order first (canonical JSON sorts them anyway).</summary>
    private static IEnumerable<string> Keys(JsonObject before, JsonObject after) =>
        before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// Objects are compared key by key, down to the values that differ; lists and scalars as a whole, since an
    /// item's position in a list (a decision's branches, a step's clock operations) is part of what it means.
    /// </summary>
    private static List<FieldChange> Compare(string path, JsonNode? before, JsonNode? after)
    {
        if (JsonNode.DeepEquals(before, after)) return [];
        if (before is JsonObject b && after is JsonObject a)
            return [.. Keys(b, a).SelectMany(k => Compare(path.Length == 0 ? k : $"{path}.{k}", b[k], a[k]))];
        return [new FieldChange(path, Show(before), Show(after))];
    }

    /// <summary>A value as a designer wrote it: a string without quotes, anything else as compact JSON.</summary>
    private static string? Show(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
