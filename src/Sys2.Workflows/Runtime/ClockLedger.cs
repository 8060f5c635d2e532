using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>An event of a case with the instant the engine decided it (its <c>at</c> header): what a ledger is read from.</summary>
public sealed record TimedEvent(object Event, DateTimeOffset At);

public enum ClockLedgerKind { Started, Suspended, SuspensionMoved, Resumed, Extended, Interrupted, Stopped, Expired, OperationRefused }

/// <summary>
/// One line of a term's ledger: what happened to the term, when, on which article, and what it did to the
/// day it ends. The figures are the engine's own (the events' due dates, the fold's days left), never
/// computed again here with other rules.
/// </summary>
/// <param name="From">Started: the legal date the term ran from when it was not the event itself (a receipt).</param>
/// <param name="FromFallback">Started: why the date the definition names was not used.</param>
/// <param name="Days">Started and extended: the days of the term; resumed: the days still to run.</param>
/// <param name="LastDay">The term's own last day (art. 2963 c.2 c.c.), before any holiday shift.</param>
/// <param name="DueAt">When the term now ends.</param>
/// <param name="ShiftedFrom">Its own last day when the expiry was moved past a Sunday or holiday (art. 2963 c.3 c.c.).</param>
/// <param name="Reason">Suspended: the ground; resumed: the cause; expired: the legal effect; refused: why.</param>
/// <param name="ResumeBy">Suspended: the latest moment the term runs again by itself.</param>
/// <param name="DaysLeft">Suspended: the days that were left to its own last day, which will run again on resumption.</param>
/// <param name="PausedDays">Resumed after a suspension: calendar days the term stood still, not counted.</param>
public sealed record ClockLedgerEntry(
    ClockLedgerKind Kind,
    DateTimeOffset At,
    string? Basis = null,
    DateTimeOffset? From = null,
    string? FromFallback = null,
    int? Days = null,
    DateOnly? LastDay = null,
    DateTimeOffset? DueAt = null,
    DateOnly? ShiftedFrom = null,
    string? Reason = null,
    DateTimeOffset? ResumeBy = null,
    int? DaysLeft = null,
    int? PausedDays = null);

/// <summary>Why a term ends on the day it ends: its ledger, and the clock as it stands after it.</summary>
public sealed record ClockExplanation(string Clock, string? Term, string? Basis, ClockState? Current, IReadOnlyList<ClockLedgerEntry> Entries)
{
    /// <summary>The suspensions, with their grounds, in order.</summary>
    public IEnumerable<ClockLedgerEntry> Suspensions => Entries.Where(e => e.Kind == ClockLedgerKind.Suspended);
}

/// <summary>
/// Explains a legal clock from the case's events: the start and where it ran from, the days counted,
/// each suspension with its ground, article and dates, each interruption, the extension, the holiday shift,
/// and how it ended. Pure: the events are folded with <see cref="CaseEvolution.Evolve"/>, so the ledger
/// reads the same clock the decider decided on, and the days left of a suspension are the ones the decider
/// counted (<see cref="CaseRun.DaysLeft"/>). No comparable product explains a deadline; the engine knows.
/// </summary>
public static class ClockLedger
{
    public static ClockExplanation Explain(string clock, IEnumerable<TimedEvent> events)
    {
        var state = CaseState.Initial;
        var entries = new List<ClockLedgerEntry>();
        string? term = null, basis = null;
        DateTimeOffset? suspendedAt = null;
        foreach (var (e, at) in events)
        {
            var before = state.Clocks.GetValueOrDefault(clock);
            state = CaseEvolution.Evolve(state, e);
            var after = state.Clocks.GetValueOrDefault(clock);
            switch (e)
            {
                case DeadlineStarted s when s.Clock == clock:
                    (term, basis) = (s.Term, s.Basis);
                    var days = DaysOf(s.Term);
                    entries.Add(new(ClockLedgerKind.Started, at, s.Basis, s.From, s.FromFallback, days,
                        s.ShiftedFrom ?? LegalCalendar.LocalDate(s.DueAt), s.DueAt, s.ShiftedFrom));
                    break;
                case DeadlineSuspended s when s.Clock == clock:
                    var moved = before?.Status == ClockStatus.Suspended;
                    if (!moved) suspendedAt = at;
                    entries.Add(new(moved ? ClockLedgerKind.SuspensionMoved : ClockLedgerKind.Suspended, at, s.Basis,
                        Reason: s.Reason, ResumeBy: s.ResumeBy, DaysLeft: after is { DueAt: not null, Remaining: not null } ? CaseRun.DaysLeft(after) : null,
                        LastDay: after?.ShiftedFrom ?? (after?.DueAt is { } due ? LegalCalendar.LocalDate(due) : null)));
                    break;
                case DeadlineResumed r when r.Clock == clock:
                    var fromSuspension = before is { Status: ClockStatus.Suspended, DueAt: not null, Remaining: not null };
                    entries.Add(new(ClockLedgerKind.Resumed, at, Reason: r.Cause,
                        Days: fromSuspension ? CaseRun.DaysLeft(before!) : DaysOf(term),
                        LastDay: r.ShiftedFrom ?? LegalCalendar.LocalDate(r.DueAt), DueAt: r.DueAt, ShiftedFrom: r.ShiftedFrom,
                        PausedDays: fromSuspension && suspendedAt is { } since
                            ? LegalCalendar.LocalDate(at).DayNumber - LegalCalendar.LocalDate(since).DayNumber : null));
                    suspendedAt = null;
                    break;
                case DeadlineExtended x when x.Clock == clock:
                    term = x.Term;
                    entries.Add(new(ClockLedgerKind.Extended, at, x.Basis, Days: DaysOf(x.Term),
                        LastDay: x.ShiftedFrom ?? LegalCalendar.LocalDate(x.DueAt), DueAt: x.DueAt, ShiftedFrom: x.ShiftedFrom));
                    break;
                case DeadlineInterrupted i when i.Clock == clock:
                    suspendedAt = null;
                    entries.Add(new(ClockLedgerKind.Interrupted, at, i.Basis));
                    break;
                case DeadlineStopped s when s.Clock == clock:
                    entries.Add(new(ClockLedgerKind.Stopped, at));
                    break;
                case DeadlineExpired x when x.Clock == clock:
                    entries.Add(new(ClockLedgerKind.Expired, at, Reason: x.Effect, DueAt: before?.DueAt));
                    break;
                case DeadlineOperationRefused r when r.Clock == clock:
                    entries.Add(new(ClockLedgerKind.OperationRefused, at, Reason: $"{r.Operation}: {r.Why}"));
                    break;
                // Closing a case stops its running terms without an event of the clock's own.
                case CaseClosed when before is { Status: ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted }:
                    entries.Add(new(ClockLedgerKind.Stopped, at));
                    break;
            }
        }
        return new(clock, term, basis, state.Clocks.GetValueOrDefault(clock), entries);
    }

    /// <summary>Every clock the events name, each explained.</summary>
    public static IReadOnlyList<ClockExplanation> ExplainAll(IReadOnlyList<TimedEvent> events) =>
        [.. events.Select(e => e.Event).OfType<DeadlineStarted>().Select(s => s.Clock).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).Select(c => Explain(c, events))];

    private static int? DaysOf(string? term) =>
        Duration.TryParse(term, out var d) && d.Unit == DurationUnit.Days ? d.Amount : null;
}
