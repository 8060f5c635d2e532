using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Diagrams;

namespace Sys2.Host.Api;

/// <summary>For process designers: the definitions, their versions and diagrams.</summary>
public static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/definitions", async (DefinitionCatalog catalog, CancellationToken ct) =>
            (await catalog.AllAsync(ct)).Select(h => new
            {
                id = h.DefinitionId,
                latest = h.Latest?.Version,
                published = h.Published?.Version,
                versions = h.Versions.Select(v => new { v.Version, status = v.Status.ToString().ToLowerInvariant(), v.ContentHash, v.SavedAt, v.PublishedAt }),
            }));

        app.MapGet("/api/definitions/{id}/diagram", async (string id, int? version, DefinitionCatalog catalog, CancellationToken ct) =>
        {
            var history = await catalog.FindAsync(id, ct);
            var chosen = version is { } v ? history?.Find(v) : history?.Published;
            return chosen is null
                ? Results.NotFound(new { error = $"no definition '{id}'{(version is null ? "" : $" version {version}")}" })
                : Results.Text(MermaidDiagram.Render(catalog.Load(chosen)), "text/plain");
        });
    }
}
