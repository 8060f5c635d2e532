using System.Collections.Concurrent;
using Sys2.Integrations.DigiP;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>A document store in memory, keyed by tenant and digest, standing in for the host's file store.</summary>
public sealed class InMemoryDocumentContent : IDocumentContent
{
    private readonly ConcurrentDictionary<(string Tenant, string Sha256), byte[]> _content = new();

    /// <summary>Stores <paramref name="bytes"/> under their own digest, which is returned.</summary>
    public string Add(string tenant, byte[] bytes) => Put(tenant, Sha256Hex.Of(bytes), bytes);

    /// <summary>Stores bytes under a digest of the caller's choice, even a wrong one (to test the check).</summary>
    public string Put(string tenant, string sha256, byte[] bytes)
    {
        _content[(tenant.ToUpperInvariant(), sha256.ToLowerInvariant())] = bytes;
        return sha256.ToLowerInvariant();
    }

    public Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct) =>
        Task.FromResult(_content.TryGetValue((tenant.ToUpperInvariant(), sha256.ToLowerInvariant()), out var bytes) ? bytes : null);

    public Task StoreAsync(string tenant, string sha256, byte[] content, DateTimeOffset at, CancellationToken ct)
    {
        Put(tenant, sha256, content);
        return Task.CompletedTask;
    }
}
