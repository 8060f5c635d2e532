using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>How a running case would fare on another version of its definition.</summary>
public enum WhatIfVerdict
{
    /// <summary>Its whole history decides the same on the new version and every flow finds its step: it can move in bulk.</summary>
    Safe,
    /// <summary>A flow stands on a step (or a clock runs) that the new version does not have: it moves only with a mapping.</summary>
    NeedsMapping,
    /// <summary>The new version would have decided its history otherwise (another path, another term): it moves only on an explicit decision.</summary>
    Diverges,
    /// <summary>It cannot move at all (closed, already on that version).</summary>
    NotMigratable,
}

/// <summary>A task the migration would open or close: step, and the role and office of its inbox.</summary>
public sealed record TaskChange(string Step, string Role, string Office);

/// <summary>A legal term that ends on another day on the new version than the case has it.</summary>
public sealed record DeadlineMove(string Clock, DateTimeOffset? Recorded, DateTimeOffset? OnNewVersion);

/// <summary>
/// The first decision of the history that the new version decides otherwise: the decision's version and time, what
/// asked for it, what was recorded and what the new version answers instead.
/// </summary>
public sealed record Divergence(long Version, DateTimeOffset At, string Trigger, string Recorded, string OnNewVersion);

/// <summary>What a what-if migration found for one case; <see cref="CaseVersion"/> is the version it was assessed at.</summary>
public sealed record WhatIfReport(
    string CaseId,
    long CaseVersion,
    int FromVersion,
    int ToVersion,
    WhatIfVerdict Verdict,
    string Summary,
    IReadOnlyList<string> FlowsToMap,
    IReadOnlyList<TaskChange> TasksAdded,
    IReadOnlyList<TaskChange> TasksCancelled,
    IReadOnlyList<DeadlineMove> DeadlinesMoved,
    Divergence? Divergence)
{
    /// <summary>Where the replay could go no further, when that came after <see cref="Divergence"/> (a term set on another day, then a decision the new version would not have taken).</summary>
    public Divergence? StoppedAt { get; init; }
}

/// <summary>
/// Before a running case moves to a new version: replays its recorded history through the new version's decider and
/// compares, decision by decision, what the new version would have appended with what was appended. Pure, like the
/// decider: the history in, a report out. The migration itself is <see cref="CaseMigration"/>, which a migrated case
/// goes through exactly as the report's <see cref="WhatIfReport.TasksAdded"/> and <see cref="WhatIfReport.FlowsToMap"/> say.
/// </summary>
/// <remarks>
/// A migration keeps every running term as it was started (the case's recorded <c>DeadlineStarted</c>): the rules in
/// force when an act of the procedure was done govern it (tempus regit actum). A term the new version would have set
/// on another day is therefore a divergence the designer must look at, never a date moved silently.
/// </remarks>
public static class WhatIfMigration
{
    public static WhatIfReport Assess(
        WorkflowDefinition to, int toVersion, IReadOnlyList<RecordedDecision> history, IReadOnlyDictionary<string, string>? mapping = null)
    {
        mapping ??= new Dictionary<string, string>();
        var current = history.SelectMany(d => d.Events).Aggregate(CaseState.Initial, CaseEvolution.Evolve);
        WhatIfReport Report(WhatIfVerdict verdict, string summary, IReadOnlyList<string>? flows = null, CaseState? migrated = null,
            IReadOnlyList<DeadlineMove>? moves = null, Divergence? divergence = null) =>
            new(current.CaseId, current.Version, current.DefinitionVersion, toVersion, verdict, summary, flows ?? [],
                migrated is null ? [] : Tasks(migrated).Except(Tasks(current)).ToList(),
                migrated is null ? [] : Tasks(current).Except(Tasks(migrated)).ToList(),
                moves ?? [], divergence);

        // 1. Can the case stand on the new version at all? The same decision the migration will take.
        var migration = CaseMigration.Decide(to, current, new MigrateCase(toVersion, mapping, "what-if", Actor.System));
        if (migration.Error is { } refused)
            return refused.Code is "unmapped-step" or "step-kind-mismatch" or "unknown-clock" or "unknown-step" or "step-not-occupied"
                ? Report(WhatIfVerdict.NeedsMapping, refused.Message, FlowsToMap(to, current, mapping))
                : Report(WhatIfVerdict.NotMigratable, refused.Message);
        var migrated = migration.Events.Aggregate(current, CaseEvolution.Evolve);

        // 2. Would the new version have lived the same history? Decide every recorded trigger again on it.
        var replay = Replay(to, toVersion, history, mapping);
        if (replay.Divergence is { } divergence)
            return Report(WhatIfVerdict.Diverges, $"at version {divergence.Version} ({divergence.Trigger}) the new version decides otherwise",
                migrated: migrated, moves: replay.Moves, divergence: divergence) with { StoppedAt = replay.Stopped };
        return Report(WhatIfVerdict.Safe,
            mapping.Count == 0 ? "its history decides the same on the new version" : "its history decides the same on the new version, with the mapping given",
            migrated: migrated);
    }

    /// <summary>The first divergence; the one the replay stopped at when it came later (after a term set on another day); the terms that moved.</summary>
    private sealed record ReplayResult(Divergence? Divergence, Divergence? Stopped, IReadOnlyList<DeadlineMove> Moves);

    /// <summary>
    /// The recorded decisions decided again on <paramref name="to"/>. A term set on another day is noted and the
    /// replay goes on (on the new version's dates), so every term that would move is listed; it stops at the first
    /// decision that comes out otherwise in any other way, or at a term that would have run out at another moment.
    /// </summary>
    private static ReplayResult Replay(WorkflowDefinition to, int toVersion, IReadOnlyList<RecordedDecision> history, IReadOnlyDictionary<string, string> mapping)
    {
        var recorded = CaseState.Initial;
        var replayed = CaseState.Initial;
        Divergence? first = null;
        var moves = new Dictionary<string, DeadlineMove>(StringComparer.Ordinal);
        ReplayResult Stop(Divergence d) => new(first ?? d, first is null ? null : d, [.. moves.Values]);
        foreach (var decision in history.Select(d => Translated(d, mapping)))
        {
            var (trigger, why) = RecordedTriggers.Of(decision, recorded, toVersion);
            if (trigger is null && why is not null)
                return Stop(new Divergence(decision.Version, decision.At, decision.Events.FirstOrDefault()?.GetType().Name ?? "nothing", Describe(decision.Events), $"cannot be replayed: {why}"));
            var asked = trigger is null ? "" : $"{trigger.GetType().Name}{Detail(trigger)}";
            if (trigger is not null && RanOutOtherwise(recorded, replayed, trigger, decision.At) is { } timing)
                return Stop(new Divergence(decision.Version, decision.At, asked, Describe(decision.Events), timing));
            recorded = decision.Events.Aggregate(recorded, CaseEvolution.Evolve);
            if (trigger is null) continue;  // a migration: nothing the new version would have done

            var again = Decider.Decide(to, replayed, trigger, decision.At);
            if (again.Error is { } error)
                return Stop(new Divergence(decision.Version, decision.At, asked, Describe(decision.Events), $"refused: {error}"));
            if (FirstDifference(decision.Events, again.Events) is { } difference)
                return Stop(new Divergence(decision.Version + difference.Index, decision.At, asked, difference.Recorded, difference.OnNewVersion));
            foreach (var (index, move) in DateDifferences(decision.Events, again.Events))
            {
                moves[move.Clock] = moves.TryGetValue(move.Clock, out var earlier) ? earlier with { OnNewVersion = move.OnNewVersion } : move;
                first ??= new Divergence(decision.Version + index, decision.At, asked, Describe(decision.Events[index]), Describe(again.Events[index]));
            }
            replayed = again.Events.Aggregate(replayed, CaseEvolution.Evolve);
        }
        return new(first, null, [.. moves.Values]);
    }

    /// <summary>
    /// The decision with the steps it names called as the mapping calls them on the new version: the designer says the
    /// step is the same one under another name, so its history is compared under that name.
    /// </summary>
    private static RecordedDecision Translated(RecordedDecision decision, IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.Count == 0) return decision;
        return decision with { Events = [.. decision.Events.Select(e => e is CaseMigrated ? e : Rename(e, mapping))] };
    }

    private static readonly string[] StepFields = ["Step", "Next", "Join"];

    private static object Rename(object e, IReadOnlyDictionary<string, string> mapping)
    {
        var json = JsonSerializer.SerializeToNode(e, e.GetType())!.AsObject();
        foreach (var field in StepFields)
            if (json[field]?.GetValue<string>() is { } step && mapping.TryGetValue(step, out var into)) json[field] = into;
        if (json["Branches"] is JsonArray branches)
            for (var i = 0; i < branches.Count; i++)
                if (branches[i]?.GetValue<string>() is { } branch && mapping.TryGetValue(branch, out var into)) branches[i] = into;
        return json.Deserialize(e.GetType())!;
    }

    /// <summary>
    /// Whether a term runs out at another moment on the new version: the recorded expiry of a term that would still
    /// be running, or a decision taken after the new version's term would already have run out (the effect of
    /// silence would have come first).
    /// </summary>
    private static string? RanOutOtherwise(CaseState recorded, CaseState replayed, Trigger trigger, DateTimeOffset at)
    {
        if (trigger is TimerFired { Kind: TimerKind.ClockExpiry } expiry
            && replayed.Clocks.GetValueOrDefault(expiry.Name) is { Status: ClockStatus.Running, DueAt: { } due } && due > at)
            return $"term '{expiry.Name}' would still run until {due:yyyy-MM-dd HH:mm}: it had not run out";
        foreach (var clock in replayed.Clocks.Values.Where(c => c is { Status: ClockStatus.Running, DueAt: { } d } && d <= at))
            if (recorded.Clocks.GetValueOrDefault(clock.Name) is not { Status: ClockStatus.Running, DueAt: { } kept } || kept > at)
                if (trigger is not TimerFired { Kind: TimerKind.ClockExpiry } t || t.Name != clock.Name)
                    return $"term '{clock.Name}' would have run out on {clock.DueAt:yyyy-MM-dd HH:mm}, before this decision";
        return null;
    }

    /// <summary>The terms each side set on another day, event by event (the rest of the two decisions being the same).</summary>
    private static IEnumerable<(int Index, DeadlineMove Move)> DateDifferences(IReadOnlyList<object> recorded, IReadOnlyList<object> again)
    {
        for (var i = 0; i < recorded.Count; i++)
            if (Due(recorded[i]) is var (clock, was) && Due(again[i]) is var (_, now) && was != now)
                yield return (i, new DeadlineMove(clock, was, now));
    }

    private static (string Clock, DateTimeOffset DueAt)? Due(object e) => e switch
    {
        DeadlineStarted d => (d.Clock, d.DueAt),
        DeadlineResumed d => (d.Clock, d.DueAt),
        DeadlineExtended d => (d.Clock, d.DueAt),
        _ => null,
    };

    /// <summary>The first event, in order, that differs, ignoring what names the version itself (the case opened on another one).</summary>
    private static (int Index, string Recorded, string OnNewVersion)? FirstDifference(IReadOnlyList<object> recorded, IReadOnlyList<object> again)
    {
        for (var i = 0; i < Math.Max(recorded.Count, again.Count); i++)
        {
            var a = i < recorded.Count ? recorded[i] : null;
            var b = i < again.Count ? again[i] : null;
            if (a is null || b is null) return (i, a is null ? "nothing more" : Describe(a), b is null ? "nothing more" : Describe(b));
            if (!JsonNode.DeepEquals(Comparable(a), Comparable(b))) return (i, Describe(a), Describe(b));
        }
        return null;
    }

    /// <summary>
    /// An event as compared: without what names the version (the case opened on another one) and without a term's
    /// dates, which <see cref="DateDifferences"/> reports as moves.
    /// </summary>
    private static JsonNode? Comparable(object e)
    {
        var json = JsonSerializer.SerializeToNode(e, e.GetType());
        if (json is not JsonObject fields) return json;
        string[] ignored = e switch
        {
            CaseOpened => [nameof(CaseOpened.DefinitionVersion), nameof(CaseOpened.DefinitionHash)],
            // From: a term that runs from another term's end starts on another day when that one moved.
            DeadlineStarted => [nameof(DeadlineStarted.DueAt), nameof(DeadlineStarted.ShiftedFrom), nameof(DeadlineStarted.Term), nameof(DeadlineStarted.From)],
            DeadlineExtended => [nameof(DeadlineExtended.DueAt), nameof(DeadlineExtended.ShiftedFrom), nameof(DeadlineExtended.Term)],
            DeadlineResumed => [nameof(DeadlineResumed.DueAt), nameof(DeadlineResumed.ShiftedFrom)],
            // A task's due date and a wait's timeout follow from the terms: not a second divergence.
            TaskAssigned => [nameof(TaskAssigned.DueAt)],
            WaitStarted => [nameof(WaitStarted.TimeoutAt)],
            _ => [],
        };
        foreach (var name in ignored) fields.Remove(name);
        return fields;
    }

    /// <summary>For every flow: where it stands, and where the mapping (or the same name) takes it on the new version, or that nothing does.</summary>
    private static List<string> FlowsToMap(WorkflowDefinition to, CaseState current, IReadOnlyDictionary<string, string> mapping) =>
        [.. current.Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => t.Step)
            .Where(step => !to.Steps.ContainsKey(mapping.GetValueOrDefault(step) ?? step))
            .Distinct()];

    private static IEnumerable<TaskChange> Tasks(CaseState state) =>
        state.Tokens.Values.Select(t => t.Bookmark is TaskBookmark task ? new TaskChange(t.Step, task.Role, task.Office) : null).OfType<TaskChange>();

    private static string Describe(IReadOnlyList<object> events) => string.Join("; ", events.Select(Describe));

    /// <summary>An event as one line: its type and the fields that say where it acts.</summary>
    private static string Describe(object e) => e switch
    {
        StepEntered s => $"StepEntered {s.Step}",
        TaskAssigned t => $"TaskAssigned {t.Step} ({t.Role}/{t.Office})",
        DeadlineStarted d => $"DeadlineStarted {d.Clock} due {d.DueAt:yyyy-MM-dd HH:mm}",
        DeadlineResumed d => $"DeadlineResumed {d.Clock} due {d.DueAt:yyyy-MM-dd HH:mm}",
        DeadlineExtended d => $"DeadlineExtended {d.Clock} due {d.DueAt:yyyy-MM-dd HH:mm}",
        DecisionTaken d => $"DecisionTaken {d.Step} → {d.Next}",
        IntegrationRequested r => $"IntegrationRequested {r.Step} ({r.Activity})",
        WaitStarted w => $"WaitStarted {w.Step} ({w.Event})",
        CaseClosed c => $"CaseClosed {c.Outcome}",
        _ => JsonSerializer.Serialize(e, e.GetType()) is var json && json.Length <= 160 ? $"{e.GetType().Name} {json}" : e.GetType().Name,
    };

    private static string Detail(Trigger trigger) => trigger switch
    {
        CompleteTask t => $" {t.Step} → {t.Outcome}",
        IntegrationCompleted t => $" {t.Step}",
        IntegrationErrored t => $" {t.Step}",
        ReceiveEvent t => $" {t.Event}",
        TimerFired t => $" {t.Kind} {t.Name}",
        _ => "",
    };
}
