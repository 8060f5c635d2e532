using Marten;
using Sys2.Host.Definitions;
using Sys2.Host.Views;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Migrations;

/// <summary>A what-if migration of every running case of a definition in some entities onto one version: a report per case.</summary>
public sealed record MigrationPlan(string DefinitionId, int ToVersion, IReadOnlyList<PlannedCase> Cases, bool Truncated)
{
    public IEnumerable<PlannedCase> With(WhatIfVerdict verdict) => Cases.Where(c => c.Report.Verdict == verdict);
}

/// <summary>One case of a plan: its entity, where it stands, and what the new version would make of it.</summary>
public sealed record PlannedCase(string Tenant, string CaseId, IReadOnlyList<string> Steps, WhatIfReport Report);

/// <summary>
/// Plans a migration before anything moves: every open case of the definition in the given entities that runs
/// another version, its recorded history decided again on the target (<see cref="WhatIfMigration"/>). Reads only.
/// </summary>
public sealed class MigrationPlanner(IDocumentStore store, DefinitionCatalog catalog)
{
    /// <summary>A page holds this many cases; a batch beyond it is planned again once these have moved.</summary>
    public const int MaxCases = 200;

    /// <summary>The plan, or null when the definition has no such version.</summary>
    public async Task<MigrationPlan?> PlanAsync(string definitionId, int toVersion, IReadOnlyCollection<string> tenants,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? mappings, CancellationToken ct)
    {
        if (await TargetAsync(definitionId, toVersion, ct) is not { } target) return null;
        List<(string Tenant, string Id, List<string> Steps)> running;
        await using (var session = store.QuerySession())
        {
            var found = await session.Query<CaseSummary>()
                .Where(c => c.TenantIsOneOf(tenants.ToArray()) && c.Status == "open" && c.DefinitionId == definitionId && c.DefinitionVersion != toVersion)
                .OrderBy(c => c.OpenedAt)
                .Take(MaxCases + 1)
                .ToListAsync(ct);
            running = [.. found.Select(c => (c.Tenant, c.Id, c.StepNames))];
        }
        var planned = new List<PlannedCase>();
        foreach (var (tenant, id, steps) in running.Take(MaxCases))
        {
            var history = await RecordedHistory.ReadAsync(store, tenant, id, ct);
            var mapping = mappings?.GetValueOrDefault(id);
            planned.Add(new PlannedCase(tenant, id, steps, WhatIfMigration.Assess(target, toVersion, history, mapping)));
        }
        return new MigrationPlan(definitionId, toVersion, planned, running.Count > MaxCases);
    }

    /// <summary>One case assessed again now, as the migration of it is about to be decided.</summary>
    public async Task<WhatIfReport?> AssessAsync(string tenant, string caseId, string definitionId, int toVersion,
        IReadOnlyDictionary<string, string> mapping, CancellationToken ct) =>
        await TargetAsync(definitionId, toVersion, ct) is { } target
            ? WhatIfMigration.Assess(target, toVersion, await RecordedHistory.ReadAsync(store, tenant, caseId, ct), mapping)
            : null;

    private async Task<WorkflowDefinition?> TargetAsync(string definitionId, int toVersion, CancellationToken ct) =>
        await catalog.FindVersionAsync(definitionId, toVersion, ct) is { } version ? catalog.Load(version) : null;
}
