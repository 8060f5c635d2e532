using Microsoft.AspNetCore.Mvc;
using Sys2.Host.Access;
using Sys2.Host.Definitions;
using Sys2.Host.Migrations;
using Sys2.Workflows.Definitions.Versions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Web.Pages.Progettista;

/// <summary>
/// The what-if migration of a definition's running cases onto one of its versions (<see cref="MigrationPlanner"/>):
/// the cases sorted into safe, needs a step mapping and diverges, each with what would change; then the safe ones
/// moved in bulk and the others one by one with a mapping (<see cref="MigrationBatch"/>, the API's same use case).
/// Only in the entities where the person may migrate cases.
/// </summary>
public sealed class MigrazioneModel(DefinitionCatalog catalog, MigrationPlanner planner, MigrationBatch batch) : WorkspacePage
{
    /// <summary>The form field prefix of a mapping: <c>mappa.review</c> = the step of the new version the flows on <c>review</c> go to.</summary>
    public const string MappingPrefix = "mappa.";

    [BindProperty(SupportsGet = true, Name = "id")] public string DefinitionId { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "verso")] public int? ToVersion { get; set; }

    public DefinitionHistory? History { get; private set; }
    public DefinitionVersion? Target { get; private set; }
    public IReadOnlyList<string> TargetSteps { get; private set; } = [];
    public MigrationPlan? Plan { get; private set; }
    public IReadOnlyList<MigrationResult> Results { get; private set; } = [];
    /// <summary>A case assessed again with the mapping the person gave (Verifica), shown above the plan.</summary>
    public PlannedCase? Checked { get; private set; }
    public IReadOnlyDictionary<string, string> CheckedMapping { get; private set; } = new Dictionary<string, string>();
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>The safe cases ticked, each as <c>caseId|version</c>: moved as they are.</summary>
    public async Task<IActionResult> OnPostSafeAsync(string[]? scelte, string? motivo, CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } refused) return refused;
        var choices = (scelte ?? []).Select(Choice).OfType<MigrationChoice>().ToList();
        if (choices.Count == 0) Problem = "Nessuna pratica scelta.";
        else Results = await batch.MigrateAsync(DefinitionId, Target!.Version, motivo ?? "", choices, ActorIn, ct);
        return await ShowAsync(ct);
    }

    /// <summary>One case with the mapping given: checked again and shown (<c>verifica</c>), or moved (<c>migra</c>).</summary>
    public async Task<IActionResult> OnPostOneAsync(string? pratica, long versione, string? motivo, bool accetto, string? azione, CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } refused) return refused;
        var mapping = Request.Form.Keys.Where(k => k.StartsWith(MappingPrefix, StringComparison.Ordinal))
            .Select(k => (From: k[MappingPrefix.Length..], To: Request.Form[k].ToString()))
            .Where(m => m.To.Length > 0 && m.To != m.From)
            .ToDictionary(m => m.From, m => m.To, StringComparer.Ordinal);
        var access = Caller.On(pratica ?? "", Permission.MigrateCases);
        if (!access.Allowed) return Refuse(access);
        CheckedMapping = mapping;
        if (azione == "migra")
            Results = await batch.MigrateAsync(DefinitionId, Target!.Version, motivo ?? "",
                [new MigrationChoice(access.Tenant, pratica!, versione, mapping, accetto)], ActorIn, ct);
        else if (await planner.AssessAsync(access.Tenant, pratica!, DefinitionId, Target!.Version, mapping, ct) is { } report)
        {
            var shown = await ShowAsync(ct);
            var steps = Plan!.Cases.FirstOrDefault(c => c.CaseId == pratica)?.Steps ?? [];
            Checked = new PlannedCase(access.Tenant, pratica!, steps, report);
            return shown;
        }
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } refused) return refused;
        var tenants = Caller.TenantsFor(Permission.MigrateCases);
        Plan = await planner.PlanAsync(DefinitionId, Target!.Version, tenants, null, ct);
        return Page();
    }

    /// <summary>The definition and the version chosen (the published one unless told); a person who may migrate nowhere is refused.</summary>
    private async Task<IActionResult?> PrepareAsync(CancellationToken ct)
    {
        if (Target is not null) return null;
        if (Caller.TenantsFor(Permission.MigrateCases).Count == 0) return StatusCode(StatusCodes.Status403Forbidden);
        History = await catalog.FindAsync(DefinitionId, ct);
        Target = ToVersion is { } v ? History?.Find(v) : History?.Published;
        if (History is null || Target is null) return NotFound();
        TargetSteps = [.. catalog.Load(Target).Steps.Keys.Order(StringComparer.Ordinal)];
        return null;
    }

    private MigrationChoice? Choice(string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], out var version)) return null;
        var access = Caller.On(parts[0], Permission.MigrateCases);
        return access.Allowed ? new MigrationChoice(access.Tenant, parts[0], version, new Dictionary<string, string>(), AcceptDivergence: false) : null;
    }

    private Actor? ActorIn(string tenant) => Caller.ActingIn(tenant, Permission.MigrateCases).Actor;

    /// <summary>The form that moves one case: where each of its flows goes, whether a divergence is accepted, the reason.</summary>
    public OneCaseForm FormFor(PlannedCase planned, string idPrefix, IReadOnlyDictionary<string, string>? mapping = null) =>
        new(planned, mapping ?? new Dictionary<string, string>(), TargetSteps, Target!.Version, $"Passaggio alla versione {Target.Version} di {DefinitionId}", idPrefix);

    public static string EntityLabel(string tenant) => EntityCatalogue.Load().ByTenantId(tenant)?.Name is { } name ? $"{name} ({tenant})" : tenant;

    public static string Verdict(WhatIfVerdict verdict) => verdict switch
    {
        WhatIfVerdict.Safe => "Sicura",
        WhatIfVerdict.NeedsMapping => "Serve una mappatura dei passi",
        WhatIfVerdict.Diverges => "Diverge",
        _ => "Non migrabile",
    };
}

/// <summary>What <c>_MigrateOne</c> draws: the case, the mapping to start from, the steps of the target version.</summary>
public sealed record OneCaseForm(PlannedCase Case, IReadOnlyDictionary<string, string> Mapping, IReadOnlyList<string> TargetSteps, int TargetVersion,
    string DefaultReason, string IdPrefix)
{
    /// <summary>The step a flow on <paramref name="step"/> goes to unless the person chooses: the mapping's, else the same name, else none.</summary>
    public string? Into(string step) => Mapping.GetValueOrDefault(step) ?? (TargetSteps.Contains(step) ? step : null);
}
