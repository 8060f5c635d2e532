using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Diagrams;

namespace Sys2.Host.Features.Designers;

/// <summary>The Mermaid flowchart of a definition: the published version, or the one asked for.</summary>
public static class DiagramEndpoint
{
    public static void MapDiagram(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/definitions/{id}/diagram", async (string id, int? version, DefinitionCatalog catalog, CancellationToken ct) =>
        {
            if (version < 1)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"{version} is out of range: versions start at 1"] },
                    detail: "version must be 1 or more", title: "Query parameter out of range");
            var history = await catalog.FindAsync(id, ct);
            var chosen = version is { } v ? history?.Find(v) : history?.Published;
            return chosen is null
                ? Results.Problem($"no definition '{id}'{(version is null ? "" : $" version {version}")}", statusCode: StatusCodes.Status404NotFound, title: "No such definition")
                : Results.Text(MermaidDiagram.Render(catalog.Load(chosen)), "text/plain");
        });
}
