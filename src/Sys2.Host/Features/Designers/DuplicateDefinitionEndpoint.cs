using Sys2.Host.Access;
using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Features.Designers;

public sealed record DuplicateDefinition(string NewId, int? Version);

/// <summary>
/// A designer starts a new definition from one that works: a version's text and the scenarios, under the new id she
/// gives, saved as the first draft of the new definition (checked like any draft). An id already taken is refused.
/// </summary>
public static class DuplicateDefinitionEndpoint
{
    public static void MapDuplicateDefinition(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{id}/duplicate", async (string id, DuplicateDefinition request, Caller caller, DefinitionCatalog catalog, CancellationToken ct) =>
        {
            if (Designer.Of(caller) is { Allowed: false } refused) return refused.Refusal!;
            var result = await DuplicateAsync(catalog, id, request.Version, request.NewId ?? "", caller.Name, ct);
            return result.Version is { } version
                ? Results.Created($"/api/definitions/{version.DefinitionId}/diagram?version={version.Version}", new { id = version.DefinitionId, version.Version })
                : DesignAnswers.Refused("Definition not duplicated", result.Error!, result.Check);
        });

    public static async Task<DraftSaveResult> DuplicateAsync(DefinitionCatalog catalog, string id, int? version, string newId, string by, CancellationToken ct)
    {
        var history = await catalog.FindAsync(id, ct);
        var source = version is { } v ? history?.Find(v) : history?.Latest;
        if (source is null) return DraftSaveResult.Refused($"no definition '{id}'{(version is null ? "" : $" version {version}")}");
        newId = newId.Trim();
        if (await catalog.FindAsync(newId, ct) is not null)
            return DraftSaveResult.Refused($"newId: a definition '{newId}' already exists; choose another id");
        var scenarios = await catalog.ScenariosAsync(id, ct);
        var (yaml, renamedScenarios, error) = DefinitionCopy.Rename(source.SourceYaml, scenarios?.Text, newId);
        if (error is not null) return DraftSaveResult.Refused($"newId: {error}");
        return await SaveDraftEndpoint.SaveAsync(catalog, newId, yaml, renamedScenarios, by, ct);
    }
}
