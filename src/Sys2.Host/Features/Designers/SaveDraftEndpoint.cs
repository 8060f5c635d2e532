using Sys2.Host.Access;
using Sys2.Host.Definitions;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Scenarios;

namespace Sys2.Host.Features.Designers;

public sealed record SaveDraft(string Yaml, string? Scenarios);

/// <summary>What saving a draft gave: the version (new, or the one with the same content), or why not, with every problem.</summary>
public sealed record DraftSaveResult(DefinitionVersion? Version, bool Created, PublicationCheck Check, string? Error)
{
    public static DraftSaveResult Refused(string error, PublicationCheck? check = null) =>
        new(null, false, check ?? new PublicationCheck(null, [], ScenarioReport.None), error);
}

/// <summary>
/// A designer saves a definition's text (and its scenarios) as a new draft version: only a text that loads and
/// validates, under the id it is saved as. A draft changes no running case and no new one: publishing does.
/// </summary>
public static class SaveDraftEndpoint
{
    public static void MapSaveDraft(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{id}/drafts", async (string id, SaveDraft request, Caller caller, DefinitionCatalog catalog, CancellationToken ct) =>
        {
            if (Designer.Of(caller) is { Allowed: false } refused) return refused.Refusal!;
            var result = await SaveAsync(catalog, id, request.Yaml ?? "", request.Scenarios, caller.Name, ct);
            return result.Version is { } version
                ? Results.Ok(new { id, version.Version, status = version.Status.ToString().ToLowerInvariant(), created = result.Created })
                : DesignAnswers.Refused("Definition not saved", result.Error!, result.Check);
        });

    public static async Task<DraftSaveResult> SaveAsync(DefinitionCatalog catalog, string id, string yaml, string? scenarios, string by, CancellationToken ct)
    {
        var check = PublicationCheck.Of(yaml);
        if (!check.Valid)
            return DraftSaveResult.Refused($"the definition has {check.Problems.Count} problem(s); nothing was saved", check);
        var definition = check.Definition!;
        if (definition.Id != id)
            return DraftSaveResult.Refused($"{definition.IdWhere}: the text says id '{definition.Id}', but it is saved as definition '{id}'", check);
        var (version, created) = await catalog.SaveDraftAsync(definition, yaml, scenarios, by, ct);
        return new DraftSaveResult(version, created, check, null);
    }
}
