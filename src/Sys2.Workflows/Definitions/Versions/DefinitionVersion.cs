namespace Sys2.Workflows.Definitions.Versions;

public enum VersionStatus { Draft, Published, Retired }

/// <summary>
/// One version of a definition: id + number + SHA-256 of its canonical content. The content
/// never changes once saved; only its status moves (draft → published → retired), as in
/// Elsa 3's IsLatest/IsPublished. <see cref="SavedBy"/> and <see cref="PublishedBy"/> name the
/// person (or "sistema" for the folder published at start-up); they come last and may be null so
/// versions stored before they existed still load.
/// </summary>
public sealed record DefinitionVersion(
    string DefinitionId,
    int Version,
    string ContentHash,
    string CanonicalJson,
    string SourceYaml,
    VersionStatus Status,
    DateTimeOffset SavedAt,
    DateTimeOffset? PublishedAt,
    string? SavedBy = null,
    string? PublishedBy = null)
{
    public string Key => $"{DefinitionId}@{Version}";
    public bool IsPublished => Status == VersionStatus.Published;
}
