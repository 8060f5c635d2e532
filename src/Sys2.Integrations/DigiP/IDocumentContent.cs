namespace Sys2.Integrations.DigiP;

/// <summary>
/// Where a case's document bytes live. The engine's events keep only a document's metadata
/// (name, SHA-256, media type, size), so preservation asks this port for the content by digest.
/// </summary>
public interface IDocumentContent
{
    /// <summary>The bytes whose SHA-256 is <paramref name="sha256"/> (lower-case hex) in <paramref name="tenant"/>'s store, or null.</summary>
    Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct);
}
