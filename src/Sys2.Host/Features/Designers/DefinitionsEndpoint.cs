using Sys2.Host.Definitions;

namespace Sys2.Host.Features.Designers;

/// <summary>The definitions with their versions (draft, published, retired) and content hashes.</summary>
public static class DefinitionsEndpoint
{
    public static void MapDefinitions(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/definitions", async (DefinitionCatalog catalog, CancellationToken ct) =>
            (await catalog.AllAsync(ct)).Select(h => new
            {
                id = h.DefinitionId,
                latest = h.Latest?.Version,
                published = h.Published?.Version,
                versions = h.Versions.Select(v => new { v.Version, status = v.Status.ToString().ToLowerInvariant(), v.ContentHash, v.SavedAt, v.SavedBy, v.PublishedAt, v.PublishedBy }),
            }));
}
