namespace Sys2.Workflows.Definitions.Versions;

public enum VersionStatus { Draft, Published, Retired }

/// <summary>
/// One version of a definition: id + number + SHA-256 of its canonical content. The content
/// never changes once saved; only its status moves (draft → published → retired), as in
/// Elsa 3's IsLatest/IsPublished.
/// </summary>
public sealed record DefinitionVersion(
    string DefinitionId,
    int Version,
    string ContentHash,
    string CanonicalJson,
    string SourceYaml,
    VersionStatus Status,
    DateTimeOffset SavedAt,
    DateTimeOffset? PublishedAt)
{
    public string Key => $"{DefinitionId}@{Version}";
    public bool IsPublished => Status == VersionStatus.Published;
}
