using System.Collections.Immutable;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;

namespace Sys2.Workflows.Indicators;

/// <summary>How a case stands against its legal terms.</summary>
public enum TermVerdict
{
    /// <summary>Still open: not judged yet.</summary>
    Pending,
    /// <summary>Closed, and no term of it ran out before the decision.</summary>
    WithinTerm,
    /// <summary>Closed after one of its terms ran out, or decided past a term's due date.</summary>
    OutOfTerm,
    /// <summary>Closed without ever running a legal term: it counts in neither share.</summary>
    NoTerm,
    /// <summary>Withdrawn by the applicant before any term ran out: there was no decision to judge, in neither share.</summary>
    Withdrawn,
}

/// <summary>
/// How one legal term of a case ended, as the engine's fold saw it at that moment: <c>DueAt</c> is the clock's due date
/// then (with its suspensions, interruptions, extensions and the holiday shift already in it), <c>EndedAt</c> the engine's
/// instant of the event that ended it.
/// </summary>
/// <param name="Expired">The term ran out (a <see cref="DeadlineExpired"/>); otherwise the decision stopped it.</param>
/// <param name="Effect">Expired: the legal effect recorded (<c>silenzio-assenso</c>, <c>decorrenza-termini</c>, <c>none</c>).</param>
/// <param name="Overran">Whether this ending puts the case out of its term (see <see cref="CaseFacts.From"/>).</param>
public sealed record TermEnding(string Clock, DateTimeOffset EndedAt, DateTimeOffset? DueAt, bool Expired, string? Effect, bool Overran);

/// <summary>An incident of a case: the regional system's activity (<c>protocol.register</c>), when raised and, if so, resolved.</summary>
public sealed record IncidentFact(string Step, string Activity, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt)
{
    /// <summary>The regional system: the activity's first word (<c>protocol</c>, <c>mpay</c>, <c>procedimarche</c>).</summary>
    public string System => Activity.Split('.')[0];
}

/// <summary>One stay of a flow in a step; <c>LeftAt</c> null while it is still there.</summary>
public sealed record StepStay(string Step, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt)
{
    public TimeSpan? Duration => LeftAt - EnteredAt;
}

/// <summary>
/// What the lead partner's indicators need to know of one case, read from its events through the engine's own fold
/// (<see cref="CaseEvolution.Evolve"/>): the same clocks, due dates and positions the decider decided on, so an
/// indicator can never disagree with the case's fascicolo. A member entity gets the same facts from the same events.
/// </summary>
public sealed record CaseFacts(
    string CaseId,
    string Tenant,
    string DefinitionId,
    string Kind,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? Outcome,
    TermVerdict Verdict,
    IReadOnlyList<TermEnding> Terms,
    IReadOnlyList<IncidentFact> Incidents,
    IReadOnlyList<StepStay> Stays,
    IReadOnlyList<string> CurrentSteps)
{
    private static readonly string SilenceAssent = KebabCase.Of(ExpiryEffect.SilenzioAssenso);
    private static readonly string NoEffect = KebabCase.Of(ExpiryEffect.None);
    private static readonly string WithdrawnOutcome = KebabCase.Of(CaseOutcome.Withdrawn);

    /// <summary>When a silenzio-assenso formed (L. 241/1990 art. 20; art. 14-bis c.4 for a conferenza), once per expiry.</summary>
    public IEnumerable<DateTimeOffset> SilenceAssents => Terms.Where(t => t.Expired && t.Effect == SilenceAssent).Select(t => t.EndedAt);

    /// <summary>
    /// The facts of one case from its events in order, each with the engine's instant. A term is judged when it ends:
    /// <list type="bullet">
    /// <item>stopped by the decision (its <see cref="DeadlineStopped"/>, or the closing of the case) while running: within
    /// its term when the decision came no later than the clock's due date at that moment, the date the engine computed on
    /// the legal calendar, suspensions and the holiday shift included. Stopped while suspended or interrupted: within,
    /// since the term was not running;</item>
    /// <item>expired: out of term when the expiry had a legal effect (silence took the place of a decision) or moved the
    /// case to another step (the definition's <c>onExpiry.next</c>: the office had not acted). An expiry with no effect
    /// that left the case where it was is a window closing (DPR 160/2010 art. 7 c.1: no more integrations may be asked),
    /// not a late decision, and judges nothing.</item>
    /// </list>
    /// A closed case is within term when it ran at least one term and none overran; wall-clock days are never counted.
    /// A withdrawal stops the terms without deciding anything: it judges none of them.
    /// </summary>
    public static CaseFacts From(IReadOnlyList<TimedEvent> events)
    {
        var state = CaseState.Initial;
        var terms = new List<TermEnding>();
        var incidents = new List<IncidentFact>();
        var stays = new List<StepStay>();
        var open = new Dictionary<string, (string Step, int Visit, DateTimeOffset Since)>();
        DateTimeOffset? closedAt = null;
        for (var i = 0; i < events.Count; i++)
        {
            var (e, at) = events[i];
            var before = state;
            state = CaseEvolution.Evolve(state, e);
            var decides = e is not CaseClosed { Outcome: var outcome } || outcome != WithdrawnOutcome;
            foreach (var (name, clock) in state.Clocks)
            {
                if (before.Clocks.GetValueOrDefault(name) is not { } was || was.Status == clock.Status) continue;
                if (clock.Status == ClockStatus.Stopped)
                    terms.Add(new(name, at, was.DueAt, false, null,
                        Overran: decides && was.Status == ClockStatus.Running && was.DueAt is { } due && at > due));
                else if (clock.Status == ClockStatus.Expired && e is DeadlineExpired x)
                    terms.Add(new(name, at, was.DueAt, true, x.Effect,
                        Overran: x.Effect != NoEffect || MovedOn(events, i)));
            }
            switch (e)
            {
                case IncidentRaised r:
                    incidents.Add(new(r.Step, r.Activity, at, null));
                    break;
                case IncidentResolved r when incidents.FindLastIndex(x => x.Step == r.Step && x.ResolvedAt is null) is var k and >= 0:
                    incidents[k] = incidents[k] with { ResolvedAt = at };
                    break;
                case CaseClosed:
                    closedAt = at;
                    break;
            }
            Track(before, state, at, open, stays);
        }
        stays.AddRange(open.Values.Select(o => new StepStay(o.Step, o.Since, null)));
        var verdict = state.Status != CaseStatus.Closed ? TermVerdict.Pending
            : terms.Count == 0 ? TermVerdict.NoTerm
            : terms.Any(t => t.Overran) ? TermVerdict.OutOfTerm
            : state.Outcome == WithdrawnOutcome ? TermVerdict.Withdrawn
            : TermVerdict.WithinTerm;
        return new CaseFacts(state.CaseId, state.Tenant, state.DefinitionId, state.Kind, state.OpenedAt ?? default, closedAt, state.Outcome,
            verdict, terms, incidents, stays, [.. state.Tokens.Values.Select(t => t.Step).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The engine writes an expiry's <c>next</c> in the same decision, right after it: the flows' steps abandoned, then the
    /// step entered. Anything else after it is another decision.
    /// </summary>
    private static bool MovedOn(IReadOnlyList<TimedEvent> events, int expiry) =>
        expiry + 1 < events.Count && events[expiry + 1].At == events[expiry].At && events[expiry + 1].Event is StepAbandoned or StepEntered;

    /// <summary>
    /// A stay begins when a flow stands on a step (a new step or a new visit of it) and ends when the fold no longer has
    /// it there: moved on, branch finished, case closed. Read from the fold's tokens, so parallel branches and migrations
    /// count as the engine sees them.
    /// </summary>
    private static void Track(CaseState before, CaseState after, DateTimeOffset at,
        Dictionary<string, (string Step, int Visit, DateTimeOffset Since)> open, List<StepStay> stays)
    {
        if (ReferenceEquals(before.Tokens, after.Tokens)) return;
        foreach (var (id, was) in open.ToList())
            if (!after.Tokens.TryGetValue(id, out var now) || now.Step != was.Step || now.Visit != was.Visit)
            {
                stays.Add(new StepStay(was.Step, was.Since, at));
                open.Remove(id);
            }
        foreach (var token in after.Tokens.Values)
            if (!open.ContainsKey(token.Id) && token.Visit > 0)
                open[token.Id] = (token.Step, token.Visit, at);
    }
}

/// <summary>A year, or one quarter of it, as the project reports: days counted in Italy.</summary>
public readonly record struct ReportingPeriod(int Year, int? Quarter = null)
{
    public DateOnly FirstDay => Quarter is { } q ? new(Year, 3 * q - 2, 1) : new(Year, 1, 1);

    public DateOnly LastDay => Quarter is not null ? FirstDay.AddMonths(3).AddDays(-1) : new(Year, 12, 31);

    public bool Contains(DateTimeOffset instant) => LegalCalendar.LocalDate(instant) is var day && day >= FirstDay && day <= LastDay;

    /// <summary>"2026" or "2026, II trimestre".</summary>
    public override string ToString() => Quarter is { } q ? $"{Year}, {new[] { "I", "II", "III", "IV" }[q - 1]} trimestre" : $"{Year}";

    public static bool IsValid(int year, int? quarter) => year is >= 2000 and <= 2100 && quarter is null or (>= 1 and <= 4);
}
