using System.Collections.Immutable;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// Moving a running case to another version of its definition: never a side effect of
/// publishing, always an operator's decision with a step mapping and a reason on the record.
/// Pure, like <see cref="Decider"/>: it answers the events to append, or why not.
/// </summary>
public static class CaseMigration
{
    /// <summary>
    /// Decides a migration of <paramref name="state"/> onto <paramref name="to"/>, the stored
    /// version number <see cref="MigrateCase.ToVersion"/> of the case's own definition.
    /// Besides <see cref="CaseMigrated"/>, a task whose step changed is assigned again as the new
    /// version defines it (same due date), and a wait whose step was renamed is started again
    /// under its new name (same timeout), so inboxes and timers follow the flows.
    /// </summary>
    public static Decision Decide(WorkflowDefinition to, CaseState state, MigrateCase migration)
    {
        var target = $"{to.Id}@{migration.ToVersion}";
        if (state.Status == CaseStatus.NotOpened) return Refused(Refusal.CaseNotOpened(migration));
        if (state.Status == CaseStatus.Closed)
            return Decision.Refuse("case-closed",
                $"case {state.CaseId} is closed ({state.Outcome}) on {Pinned(state)}; a closed case is not moved to version {migration.ToVersion}");
        if (to.Id != state.DefinitionId)
            return Decision.Refuse("other-definition",
                $"case {state.CaseId} runs {state.DefinitionId}; it cannot move to {target}, which is another definition");
        if (migration.ToVersion == state.DefinitionVersion || to.ContentHash == state.DefinitionHash)
            return Decision.Refuse("same-version", $"case {state.CaseId} already runs {Pinned(state)}: there is nothing to migrate");
        if (string.IsNullOrWhiteSpace(migration.Reason))
            return Decision.Refuse("reason-required", "a migration needs a reason for the record");

        foreach (var (from, into) in migration.Mapping.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!to.Steps.ContainsKey(into))
                return Decision.Refuse("unknown-step",
                    $"the mapping moves '{from}' to '{into}', which {target} does not have (steps: {string.Join(", ", to.Steps.Keys)})");
            // The mapping is decided on this case's exact version, so a step no flow stands on (or joins at) is a typo, not a general rule.
            if (!state.Tokens.Values.Any(t => t.Step == from || t.Bookmark is ForkBookmark f && f.Join == from))
                return Decision.Refuse("step-not-occupied",
                    $"the mapping moves '{from}', but no flow of case {state.CaseId} stands or joins there (flows stand at: {Occupied(state)})");
        }

        var moves = new List<(Token Token, Step Step)>();
        foreach (var token in state.Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var into = migration.Mapping.GetValueOrDefault(token.Step) ?? token.Step;
            if (!to.Steps.TryGetValue(into, out var step))
                return Decision.Refuse("unmapped-step",
                    $"flow '{token.Id}' stands on '{token.Step}', which {target} does not have: map it to a step of version {migration.ToVersion}");
            if (Misfit(token, step, migration.Mapping) is { } why)
                return Decision.Refuse("step-kind-mismatch", $"flow '{token.Id}' {why}, but '{step.Name}' in {target} is {Describe(step)}");
            moves.Add((token, step));
        }

        // A clock the new version does not define could neither expire nor be resumed.
        foreach (var clock in state.Clocks.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            if (clock.Status is ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted && !to.Clocks.ContainsKey(clock.Name))
                return Decision.Refuse("unknown-clock",
                    $"clock '{clock.Name}' is {clock.Status.ToString().ToLowerInvariant()}, and {target} has no such clock (clocks: {string.Join(", ", to.Clocks.Keys)})");

        var events = new List<object>
        {
            new CaseMigrated(state.DefinitionVersion, migration.ToVersion, to.ContentHash,
                migration.Mapping.ToImmutableSortedDictionary(StringComparer.Ordinal),
                migration.By.User, migration.Reason),
        };
        foreach (var (token, step) in moves)
        {
            switch (token.Bookmark, step)
            {
                case (TaskBookmark task, TaskStep next) when next.Name != token.Step || !SameAssignment(task, next):
                    events.Add(new TaskAssigned(next.Name, token.Id, next.Role, next.Office, [.. next.Outcomes.Select(o => o.Key)], task.DueAt));
                    break;
                case (WaitBookmark wait, WaitStep next) when next.Name != token.Step:
                    events.Add(new WaitStarted(next.Name, token.Id, wait.Event, wait.TimeoutAt, token.Visit));
                    break;
            }
        }
        return Decision.Accept(events);
    }

    /// <summary>Why the flow cannot go on in <paramref name="step"/>, or null when it can.</summary>
    private static string? Misfit(Token token, Step step, IReadOnlyDictionary<string, string> mapping) => (token.Bookmark, step) switch
    {
        (null, _) => null,
        (TaskBookmark, TaskStep) => null,
        (TaskBookmark, _) => $"waits for a task at '{token.Step}'",
        // The answer of a pending call names its step and activity: moved elsewhere, it would find no flow waiting for it.
        (CallBookmark c, CallStep call) when call.Name == token.Step && call.Activity == c.Activity => null,
        (CallBookmark c, _) => $"waits for the answer of {c.Activity} (attempt {c.Attempt}) at '{token.Step}', which names that step: migrate after it arrives",
        (WaitBookmark w, WaitStep wait) when wait.Event == w.Event => null,
        (WaitBookmark w, _) => $"waits for the event '{w.Event}' at '{token.Step}'",
        (IncidentBookmark, TaskStep or CallStep or DecisionStep or WaitStep or DeadlineStep) => null,
        (IncidentBookmark i, _) => $"has an incident at '{token.Step}' ({i.Activity}) that a retry must run again",
        (ForkBookmark f, ParallelStep parallel) when parallel.Next.Name == (mapping.GetValueOrDefault(f.Join) ?? f.Join) => null,
        (ForkBookmark f, _) => $"waits at '{token.Step}' for its branches to join at '{mapping.GetValueOrDefault(f.Join) ?? f.Join}'",
        _ => $"waits at '{token.Step}'",
    };

    private static bool SameAssignment(TaskBookmark task, TaskStep step) =>
        task.Role == step.Role && task.Office == step.Office && task.Outcomes.SequenceEqual(step.Outcomes.Select(o => o.Key));

    private static string Describe(Step step) => step switch
    {
        CallStep call => $"a call step ({call.Activity})",
        WaitStep wait => $"a wait step (for '{wait.Event}')",
        ParallelStep parallel => $"a parallel step joining at '{parallel.Next.Name}'",
        _ => $"a {step.Kind} step",
    };

    private static string Pinned(CaseState state) => $"{state.DefinitionId}@{state.DefinitionVersion}";

    private static string Occupied(CaseState state) =>
        string.Join(", ", state.Tokens.Values.Select(t => t.Step).Distinct().Order(StringComparer.Ordinal));

    private static Decision Refused(DomainError error) => new([], error);
}
