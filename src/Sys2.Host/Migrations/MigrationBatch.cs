using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Migrations;

/// <summary>A case the person chose to move: the version the plan showed her, the mapping she gave, whether she accepts a divergence.</summary>
public sealed record MigrationChoice(string Tenant, string CaseId, long ExpectedVersion, IReadOnlyDictionary<string, string> Mapping, bool AcceptDivergence);

/// <summary>What became of one chosen case: migrated (to which stream version), or why not.</summary>
public sealed record MigrationResult(string Tenant, string CaseId, bool Migrated, long Version, string? Why, WhatIfVerdict? Verdict);

/// <summary>
/// Moves the chosen cases, each assessed again first: a case that moved on since the plan is not touched (its
/// expected version no longer holds), a case that now needs a mapping is refused naming its flows, one that
/// diverges moves only when the person accepted that. The migration itself is the case's own command
/// (<see cref="CaseService.MigrateAsync"/>), so the engine's rules (no flow left unmapped) hold once more.
/// </summary>
public sealed class MigrationBatch(MigrationPlanner planner, CaseService cases)
{
    public async Task<IReadOnlyList<MigrationResult>> MigrateAsync(string definitionId, int toVersion, string reason,
        IReadOnlyList<MigrationChoice> choices, Func<string, Actor?> actorIn, CancellationToken ct)
    {
        var results = new List<MigrationResult>();
        foreach (var choice in choices)
            results.Add(await MigrateOneAsync(definitionId, toVersion, reason, choice, actorIn(choice.Tenant), ct));
        return results;
    }

    private async Task<MigrationResult> MigrateOneAsync(string definitionId, int toVersion, string reason, MigrationChoice choice, Actor? by, CancellationToken ct)
    {
        MigrationResult Refused(string why, WhatIfVerdict? verdict = null) => new(choice.Tenant, choice.CaseId, false, choice.ExpectedVersion, why, verdict);
        if (by is null) return Refused($"you may not migrate cases of {choice.Tenant}");
        if (string.IsNullOrWhiteSpace(reason)) return Refused("a migration needs a reason for the record");
        var report = await planner.AssessAsync(choice.Tenant, choice.CaseId, definitionId, toVersion, choice.Mapping, ct);
        if (report is null) return Refused($"{definitionId} has no version {toVersion}");
        if (report.CaseVersion != choice.ExpectedVersion)
            return Refused($"the case is at version {report.CaseVersion}, not {choice.ExpectedVersion} as planned: plan again", report.Verdict);
        switch (report.Verdict)
        {
            case WhatIfVerdict.NeedsMapping:
                return Refused($"needs a mapping: {report.Summary}", report.Verdict);
            case WhatIfVerdict.NotMigratable:
                return Refused(report.Summary, report.Verdict);
            case WhatIfVerdict.Diverges when !choice.AcceptDivergence:
                return Refused($"diverges ({report.Summary}): migrate it on its own, accepting the divergence", report.Verdict);
        }

        // One command id per case, version and target: choosing the same again answers what the first did.
        var commandId = StableId.For($"migrate:{choice.Tenant}:{choice.CaseId}:{choice.ExpectedVersion}:{toVersion}");
        var outcome = await cases.MigrateAsync(new CaseCommand(commandId, choice.Tenant, choice.CaseId, choice.ExpectedVersion,
            new MigrateCase(toVersion, choice.Mapping, reason, by), by), ct);
        return outcome.Status is CommandStatus.Accepted or CommandStatus.Duplicate
            ? new(choice.Tenant, choice.CaseId, true, outcome.Version, null, report.Verdict)
            : Refused(outcome.Error ?? outcome.Status.ToString(), report.Verdict);
    }
}
