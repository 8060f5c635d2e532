using Sys2.Host.Access;
using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Features.Designers;

/// <summary>What publishing gave: the published version, or why not (with the check that refused it, each reason at its line).</summary>
public sealed record PublishResult(DefinitionVersion? Version, PublicationCheck? Check, string? Error);

/// <summary>
/// A designer publishes a saved version: new cases open on it, the one published before is retired. Refused while
/// the validator finds a problem in it or any of the definition's stored scenarios fails on it: the rule lives here,
/// so neither the page nor an API client can publish around it.
/// </summary>
public static class PublishVersionEndpoint
{
    public static void MapPublishVersion(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{id}/versions/{version:int}/publish", async (string id, int version, Caller caller, DefinitionCatalog catalog, CancellationToken ct) =>
        {
            if (Designer.Of(caller) is { Allowed: false } refused) return refused.Refusal!;
            var result = await PublishAsync(catalog, id, version, caller.Name, ct);
            if (result.Version is { } published)
                return Results.Ok(new { id, published.Version, published.PublishedAt, published.PublishedBy });
            return result.Check is { } check
                ? DesignAnswers.Refused("Version not published", result.Error!, check)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such definition version", detail: result.Error);
        });

    public static async Task<PublishResult> PublishAsync(DefinitionCatalog catalog, string id, int version, string by, CancellationToken ct)
    {
        var history = await catalog.FindAsync(id, ct);
        if (history?.Find(version) is not { } target)
            return new PublishResult(null, null, history is null ? $"no definition '{id}'"
                : $"{id} has no version {version} (versions: {string.Join(", ", history.Versions.Select(v => v.Version))})");
        var scenarios = await catalog.ScenariosAsync(id, ct);
        var check = PublicationCheck.Of(target.SourceYaml, scenarios?.Text);
        if (!check.Publishable)
            return new PublishResult(null, check, $"{id} version {version} may not be published: {check.Refusals().Count} reason(s)");
        var (published, error) = await catalog.PublishAsync(id, version, by, ct);
        return new PublishResult(published, null, error);
    }
}
