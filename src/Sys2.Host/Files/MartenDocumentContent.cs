using Marten;
using Sys2.Integrations.DigiP;

namespace Sys2.Host.Files;

/// <summary>Document bytes from the entity's own file store: another entity's files are not found.</summary>
public sealed class MartenDocumentContent(IDocumentStore store) : IDocumentContent
{
    public async Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return (await session.LoadAsync<StoredFile>(sha256, ct))?.Content;
    }
}
