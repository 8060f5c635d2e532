namespace Sys2.Workflows.Definitions.Versions;

/// <summary>
/// The versions of one definition and the rules that keep them honest: saving content that
/// already exists returns that version; saving new content makes a new draft; publishing
/// one version retires the one published before. Nothing here edits a saved version.
/// </summary>
public sealed record DefinitionHistory(string DefinitionId, IReadOnlyList<DefinitionVersion> Versions)
{
    public static DefinitionHistory Empty(string definitionId) => new(definitionId, []);

    /// <summary>The newest version, draft or not.</summary>
    public DefinitionVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The version new cases start on.</summary>
    public DefinitionVersion? Published => Versions.LastOrDefault(v => v.IsPublished);

    public DefinitionVersion? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);

    public (DefinitionHistory History, DefinitionVersion Version, bool Created) Save(
        WorkflowDefinition definition, string sourceYaml, DateTimeOffset now, string? savedBy = null)
    {
        if (definition.Id != DefinitionId)
            throw new ArgumentException($"definition {definition.Id} saved into the history of {DefinitionId}", nameof(definition));
        var existing = Versions.FirstOrDefault(v => v.ContentHash == definition.ContentHash);
        if (existing is not null) return (this, existing, false);
        var version = new DefinitionVersion(DefinitionId, (Latest?.Version ?? 0) + 1, definition.ContentHash,
            definition.CanonicalJson, sourceYaml, VersionStatus.Draft, now, null, savedBy);
        return (this with { Versions = [.. Versions, version] }, version, true);
    }

    public (DefinitionHistory? History, string? Error) Publish(int version, DateTimeOffset now, string? publishedBy = null)
    {
        var target = Find(version);
        if (target is null)
            return (null, $"{DefinitionId} has no version {version} (versions: {string.Join(", ", Versions.Select(v => v.Version))})");
        if (target.IsPublished) return (this, null);
        var versions = Versions.Select(v =>
            v.Version == version ? v with { Status = VersionStatus.Published, PublishedAt = now, PublishedBy = publishedBy }
            : v.IsPublished ? v with { Status = VersionStatus.Retired }
            : v).ToList();
        return (this with { Versions = versions }, null);
    }
}
