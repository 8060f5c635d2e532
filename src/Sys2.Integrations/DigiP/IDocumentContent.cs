namespace Sys2.Integrations.DigiP;

/// <summary>
/// Where a case's document bytes live. The engine's events keep only a document's metadata
/// (name, SHA-256, media type, size), so preservation asks this port for the content by digest.
/// </summary>
public interface IDocumentContent
{
    /// <summary>The bytes whose SHA-256 is <paramref name="sha256"/> (lower-case hex) in <paramref name="tenant"/>'s store, or null.</summary>
    Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct);

    /// <summary>
    /// Keeps bytes an integration produced for the case (an outcome message sent to SdI) in the
    /// entity's store, so the case can name them by digest and preserve them later.
    /// </summary>
    Task StoreAsync(string tenant, string sha256, byte[] content, DateTimeOffset at, CancellationToken ct);
}
