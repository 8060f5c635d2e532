using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Sys2.Workflows.Integrations.DigiP;

/// <summary>A document store in memory, keyed by tenant and digest: for tests and the sandbox.</summary>
public sealed class InMemoryDocumentContent : IDocumentContent
{
    private readonly ConcurrentDictionary<(string Tenant, string Sha256), byte[]> _content = new();

    /// <summary>Stores <paramref name="bytes"/> under their own digest, which is returned.</summary>
    public string Add(string tenant, byte[] bytes) => Put(tenant, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);

    /// <summary>Stores bytes under a digest of the caller's choice, even a wrong one (to test the check).</summary>
    public string Put(string tenant, string sha256, byte[] bytes)
    {
        _content[(tenant.ToUpperInvariant(), sha256.ToLowerInvariant())] = bytes;
        return sha256.ToLowerInvariant();
    }

    public Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct) =>
        Task.FromResult(_content.TryGetValue((tenant.ToUpperInvariant(), sha256.ToLowerInvariant()), out var bytes) ? bytes : null);
}
