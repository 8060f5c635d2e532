using System.Collections.Immutable;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Workflows.Runtime;

/// <summary>
/// <c>Evolve(state, event) → state</c>: total and pure. Unknown events leave the state as it
/// was (but count as a version), so an old engine can read a newer stream.
/// </summary>
public static class CaseEvolution
{
    public static CaseState Replay(IEnumerable<object> events) =>
        events.Aggregate(CaseState.Initial, Evolve);

    public static CaseState Evolve(CaseState s, object @event)
    {
        s = s with { Version = s.Version + 1 };
        return @event switch
        {
            CaseOpened e => s with
            {
                CaseId = e.CaseId, Tenant = e.Tenant, DefinitionId = e.DefinitionId,
                DefinitionVersion = e.DefinitionVersion, DefinitionHash = e.DefinitionHash, Kind = e.Kind,
                Status = CaseStatus.Open, OpenedAt = e.OpenedAt,
                Inputs = e.Inputs.ToImmutableDictionary(p => p.Key, p => p.Value?.DeepClone()),
            },
            StepEntered e => s with
            {
                Tokens = s.Tokens.SetItem(e.Token, new Token(e.Token, e.Step, e.Visit, null, s.Tokens.GetValueOrDefault(e.Token)?.Parent)),
                Visits = s.Visits.SetItem(e.Step, e.Visit),
            },
            VariablesSet e => s with
            {
                Variables = s.Variables.SetItems(e.Values.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            },
            VariableCorrected e => s with { Variables = s.Variables.SetItem(e.Name, e.Value?.DeepClone()) },
            TaskAssigned e => Mark(s, e.Token, new TaskBookmark(e.Role, e.Office, e.Outcomes, e.DueAt)),
            TaskCompleted e => Mark(s, e.Token, null),
            TaskClaimed e => Hold(s, e.Token, e.User, e.UserName),
            TaskReleased e => Hold(s, e.Token, null, null),
            TaskReassigned e => Hold(s, e.Token, e.To, e.ToName),
            // A note changes nothing the decider reads: it is kept in the stream, with the task's other facts.
            TaskCommented => s,
            DecisionTaken => s,
            IntegrationRequested e => Mark(s, e.Token, new CallBookmark(e.Activity, e.Attempt, e.IdempotencyKey)),
            IntegrationSucceeded e => Mark(s, e.Token, null),
            IntegrationFailed e => e.WillRetry ? s : Mark(s, e.Token, null),
            IncidentRaised e => Mark(s, e.Token, new IncidentBookmark(e.Activity, e.Attempts, e.Reason)),
            IncidentResolved e => Mark(s, e.Token, null),
            WaitStarted e => Mark(s, e.Token, new WaitBookmark(e.Event, e.TimeoutAt)),
            ExternalEventReceived e => Mark(s, e.Token, null),
            WaitTimedOut e => Mark(s, e.Token, null),
            StepAbandoned e => s with { Tokens = e.Token == Token.Main ? Mark(s, e.Token, null).Tokens : s.Tokens.Remove(e.Token) },
            BranchesForked e => Fork(s, e),
            BranchFinished e => Finish(s, e),
            BranchesJoined e => Mark(s, e.Token, null),
            DeadlineStarted e => Clock(s, new ClockState(e.Clock, ClockStatus.Running, e.Generation, e.DueAt, null, null, null,
                s.Clocks.GetValueOrDefault(e.Clock)?.Suspensions ?? 0, s.Clocks.GetValueOrDefault(e.Clock)?.Interruptions ?? 0, e.ShiftedFrom)),
            DeadlineSuspended e => Clock(s, s.Clocks[e.Clock] with
            {
                Status = ClockStatus.Suspended, Generation = e.Generation, Remaining = e.Remaining, ResumeBy = e.ResumeBy,
                SuspensionReason = e.Reason,
                Suspensions = s.Clocks[e.Clock].Suspensions + (e.Reason == SuspensionReasons.Integration ? 1 : 0),
            }),
            DeadlineResumed e => Clock(s, s.Clocks[e.Clock] with
            {
                Status = ClockStatus.Running, Generation = e.Generation, DueAt = e.DueAt, Remaining = null, ResumeBy = null, SuspensionReason = null,
                ShiftedFrom = e.ShiftedFrom,
            }),
            DeadlineExtended e => Clock(s, s.Clocks[e.Clock] with
            {
                Status = ClockStatus.Running, Generation = e.Generation, DueAt = e.DueAt, ShiftedFrom = e.ShiftedFrom,
                Extensions = s.Clocks[e.Clock].Extensions + 1,
            }),
            DeadlineInterrupted e => Clock(s, s.Clocks[e.Clock] with
            {
                Status = ClockStatus.Interrupted, Generation = e.Generation, DueAt = null, Remaining = null, ShiftedFrom = null,
                Interruptions = s.Clocks[e.Clock].Interruptions + 1,
            }),
            DeadlineStopped e => Clock(s, s.Clocks[e.Clock] with { Status = ClockStatus.Stopped, Generation = e.Generation }),
            DeadlineExpired e => Clock(s, s.Clocks[e.Clock] with { Status = ClockStatus.Expired, Generation = e.Generation }),
            DeadlineOperationRefused => s,
            // An attachment changes the case's file, not what the decider decides on: see CaseDocuments.
            DocumentAttached => s,
            CaseClosed e => s with
            {
                Status = CaseStatus.Closed, Outcome = e.Outcome, Tokens = ImmutableDictionary<string, Token>.Empty,
                Clocks = s.Clocks.ToImmutableDictionary(c => c.Key,
                    c => c.Value.Status is ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted
                        ? c.Value with { Status = ClockStatus.Stopped } : c.Value),
            },
            CaseMigrated e => Migrate(s, e),
            _ => s,
        };
    }

    /// <summary>
    /// The case is decided on the new version from here on; each flow stands on its mapped step,
    /// which inherits the old step's visits so idempotency keys and wait timers never repeat.
    /// </summary>
    private static CaseState Migrate(CaseState s, CaseMigrated e)
    {
        string Moved(string step) => e.Mapping.GetValueOrDefault(step) ?? step;
        var visits = s.Visits;
        foreach (var (from, into) in e.Mapping)
            if (from != into) visits = visits.SetItem(into, Math.Max(s.VisitsOf(from), s.VisitsOf(into)));
        return s with
        {
            DefinitionVersion = e.ToVersion,
            DefinitionHash = e.ToHash,
            Tokens = s.Tokens.ToImmutableDictionary(t => t.Key, t => t.Value with
            {
                Step = Moved(t.Value.Step),
                Bookmark = t.Value.Bookmark is ForkBookmark fork ? fork with { Join = Moved(fork.Join) } : t.Value.Bookmark,
            }),
            Visits = visits,
        };
    }

    private static CaseState Mark(CaseState s, string token, Bookmark? bookmark) =>
        s.Tokens.TryGetValue(token, out var t) ? s with { Tokens = s.Tokens.SetItem(token, t with { Bookmark = bookmark }) } : s;

    private static CaseState Hold(CaseState s, string token, string? user, string? name) =>
        s.Tokens.TryGetValue(token, out var t) && t.Bookmark is TaskBookmark task
            ? s with { Tokens = s.Tokens.SetItem(token, t with { Bookmark = task with { Assignee = user, AssigneeName = name } }) }
            : s;

    private static CaseState Clock(CaseState s, ClockState clock) => s with { Clocks = s.Clocks.SetItem(clock.Name, clock) };

    private static CaseState Fork(CaseState s, BranchesForked e)
    {
        var tokens = s.Tokens.SetItem(e.Token, s.Tokens[e.Token] with { Bookmark = new ForkBookmark(e.Join, [.. e.Branches]) });
        // Branch tokens get their step on StepEntered; until then they stand on the parallel step.
        foreach (var branch in e.Branches)
            tokens = tokens.SetItem(branch, new Token(branch, e.Step, 0, null, e.Token));
        return s with { Tokens = tokens };
    }

    private static CaseState Finish(CaseState s, BranchFinished e)
    {
        var parent = s.Tokens[e.Token].Parent!;
        var fork = (ForkBookmark)s.Tokens[parent].Bookmark!;
        var tokens = s.Tokens.Remove(e.Token)
            .SetItem(parent, s.Tokens[parent] with { Bookmark = fork with { Pending = fork.Pending.Remove(e.Token) } });
        return s with { Tokens = tokens };
    }
}
