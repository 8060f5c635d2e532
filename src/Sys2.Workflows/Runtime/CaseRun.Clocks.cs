using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Runtime;

// Legal clocks: L. 241/1990 art. 2 (terms, one suspension of at most 30 days), art. 10-bis
// (preavviso: 10 days for observations, term suspended), art. 20 (silenzio-assenso);
// DPR 380/2001 art. 20 (interruption: the term restarts in full; once, within 30 days of the
// application, c.5); art. 2963 c.c. (only the final expiry moves past a holiday).
internal sealed partial class CaseRun
{
    /// <summary>A clock operation written in the definition. What the law does not allow is refused on the record, not thrown.</summary>
    private void ApplyClockOperation(ClockOperation operation, string step)
    {
        // In a definition "resume" means "if paused" (a suspension may have ended by its limit) and
        // "stop" means "if still running" (the term may have expired already): nothing to record otherwise.
        // The preavviso suspends the terms that run: on an incomplete file, where no decision term
        // runs (interrupted, not started), there is nothing to suspend.
        var status = state.Clocks.GetValueOrDefault(operation.Clock)?.Status;
        if ((operation.Kind == ClockOperationKind.Resume && status == ClockStatus.Running)
            || (operation.Kind == ClockOperationKind.Stop && status is ClockStatus.Expired or ClockStatus.Stopped)
            || (operation is { Kind: ClockOperationKind.Suspend, Reason: SuspensionReason.Preavviso } && status != ClockStatus.Running)
            || (operation is { Kind: ClockOperationKind.Resume, After: not null } && status != ClockStatus.Suspended))
            return;
        var why = operation.Kind switch
        {
            ClockOperationKind.Start => StartClock(operation.Clock, operation.From, operation.Following),
            ClockOperationKind.Suspend => SuspendClock(operation.Clock, operation.Reason),
            ClockOperationKind.Resume when operation.After is { } after => ResumeAfter(operation.Clock, after, operation.From),
            ClockOperationKind.Resume => ResumeByCommand(operation.Clock, operation.Following),
            ClockOperationKind.Interrupt => InterruptClock(operation.Clock),
            ClockOperationKind.Extend => ExtendClock(operation.Clock),
            _ => StopClock(operation.Clock),
        };
        if (why is not null)
            Emit(new DeadlineOperationRefused(operation.Clock, operation.Kind.ToString().ToLowerInvariant(), step, why.Message));
    }

    public DomainError? Suspend(SuspendDeadline t) => SuspendClock(t.Clock, t.Reason);

    public DomainError? Resume(ResumeDeadline t) => ResumeByCommand(t.Clock);

    public DomainError? Interrupt(InterruptDeadline t) => InterruptClock(t.Clock);

    /// <summary>
    /// Starts a term from now or, with <paramref name="from"/>, from the legal date it names (a
    /// receipt): see <see cref="TermStart"/> for how the date is read and when it is not used.
    /// </summary>
    private DomainError? StartClock(string name, Expression? from = null, string? following = null)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        var clock = state.Clocks.GetValueOrDefault(name);
        if (clock is { Status: ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted })
            return new DomainError("clock-running", $"clock '{name}' is already {clock.Status.ToString().ToLowerInvariant()}");
        var start = from is not null ? StartDate(from) : following is not null ? Following(following) : null;
        var (dueAt, shiftedFrom) = DueAfter(spec, start?.From ?? now);
        Emit(new DeadlineStarted(name, spec.Term.ToString(), dueAt, (clock?.Generation ?? 0) + 1, spec.Basis, shiftedFrom,
            start is { Fallback: null } && start.From != now ? start.From : null, start?.Fallback));
        return null;
    }

    private TermStart StartDate(Expression from)
    {
        try { return TermStart.Read(sandbox.Evaluate(from.Text, Scope()), from.Text, now); }
        catch (ExpressionException e) { return new TermStart(now, $"{from.Text} could not be evaluated ({e.Message}): the term runs from when the step ran"); }
    }

    /// <summary>
    /// A term that runs following another clock starts when that clock runs out: at its due instant
    /// (the end of its last day, moved past a holiday), or now if that is later. A clock that has no
    /// due date (never started, interrupted) gives now, and says so.
    /// </summary>
    private TermStart Following(string other)
    {
        if (state.Clocks.GetValueOrDefault(other) is not { DueAt: { } end } clock || clock.Status == ClockStatus.Suspended)
            return new TermStart(now, $"clock '{other}' has no end to follow ({Describe(state.Clocks.GetValueOrDefault(other))}): the term runs from when the step ran");
        return new TermStart(end > now ? end : now, null);
    }

    private DomainError? SuspendClock(string name, SuspensionReason reason)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Running, DueAt: { } dueAt } clock)
            return NotRunning(name);
        string basis;
        DateTimeOffset resumeBy;
        if (reason == SuspensionReason.Preavviso)
        {
            // Until the receipt is known (resume with after/from), as if the applicant received the
            // notice when it was sent: the 10 days end at the end of their last day, moved past a holiday.
            resumeBy = LegalCalendar.Term(now, LegalTerms.PreavvisoObservationDays, spec.Days).DueAt;
            basis = LegalTerms.PreavvisoBasis;
        }
        else
        {
            if (spec.Suspension is not { } rule)
                return new DomainError("suspension-not-allowed", $"clock '{name}' ({spec.Basis}) cannot be suspended");
            if (clock.Suspensions >= rule.Times)
                return new DomainError("suspension-used",
                    $"clock '{name}' was already suspended {clock.Suspensions} time(s); {rule.Basis} allows {rule.Times}");
            if (OutOfWindow(name, "suspension", "suspended", rule.Within, rule.Basis, spec) is { } late) return late;
            // "Per un periodo non superiore a trenta giorni" (art. 2 c.7 L. 241/1990): a limit in days is counted as
            // days, so it ends at the end of its last day (art. 2963 c.2 c.c.), not 30×24 hours after the request. It is
            // a cap on the suspension, not a party's term, so it is not moved past a holiday (that would exceed it).
            resumeBy = rule.Max.IsCalendarTerm ? LegalCalendar.Term(now, rule.Max, TermDays.Plain).DueAt : now + rule.Max.Value;
            basis = rule.Basis;
        }
        var remaining = dueAt - now;
        if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
        Emit(new DeadlineSuspended(name, SuspensionReasons.Name(reason), remaining, resumeBy, clock.Generation + 1, basis));
        return null;
    }

    /// <summary>
    /// Art. 10-bis L. 241/1990 (as amended by DL 76/2020): the suspended terms "ricominciano a decorrere
    /// dieci giorni dopo la presentazione delle osservazioni o, in mancanza delle stesse, dalla scadenza
    /// del termine" of ten days "dal ricevimento della comunicazione". Either way the suspension ends
    /// when a number of days has run from a date (the filing, the receipt): counted as a term, to the
    /// end of its last day, moved past a holiday unless the clock counts plain days. The suspension
    /// is re-recorded with its new end (the time left is unchanged), never shortened: the receipt
    /// comes after the sending and the observations after the receipt, so each date ends it later.
    /// An end already past resumes the term now.
    /// </summary>
    private DomainError? ResumeAfter(string name, Duration after, Expression? from)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Suspended, SuspensionReason: SuspensionReasons.Preavviso } clock)
            return new DomainError("not-a-preavviso", $"clock '{name}' is not suspended for a preavviso ({Describe(state.Clocks.GetValueOrDefault(name))}): "
                + $"only the preavviso's suspension ends a set time after a date ({LegalTerms.PreavvisoBasis})");
        var start = from is null ? new TermStart(now, null) : StartDate(from);
        var ends = after.IsCalendarTerm ? LegalCalendar.Term(start.From, after, spec.Days).DueAt : start.From + after.Value;
        if (ends <= now)
        {
            ResumeClock(clock, $"the preavviso's suspension ended {after} after {(from is null ? "the step" : from.Text)} ({LegalTerms.PreavvisoBasis})");
            return null;
        }
        if (clock.ResumeBy is { } set && set >= ends) return null;
        Emit(new DeadlineSuspended(name, SuspensionReasons.Preavviso, clock.Remaining ?? TimeSpan.Zero, ends, clock.Generation + 1, LegalTerms.PreavvisoBasis));
        return null;
    }

    /// <summary>
    /// The term becomes the extension's, from the same start: its own last day moves by the difference
    /// (30 to 40 days: ten days later), and only the new expiry moves past a holiday.
    /// </summary>
    private DomainError? ExtendClock(string name)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (spec.Extension is not { } rule)
            return new DomainError("extension-not-allowed", $"clock '{name}' ({spec.Basis}) cannot be extended");
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Running, DueAt: { } dueAt } clock)
            return NotRunning(name);
        if (clock.Extensions > 0)
            return new DomainError("extension-used", $"clock '{name}' was already extended to {rule.Term}; {rule.Basis}");
        var lastDay = clock.ShiftedFrom ?? LegalCalendar.LocalDate(dueAt);
        // The loader requires the extension in the term's own unit.
        var end = LegalCalendar.EndingOn(spec.Term.Unit == DurationUnit.Months
            ? lastDay.AddMonths(rule.Term.Amount - spec.Term.Amount)
            : lastDay.AddDays(rule.Term.Amount - spec.Term.Amount), spec.Days);
        Emit(new DeadlineExtended(name, rule.Term.ToString(), end.DueAt, clock.Generation + 1, rule.Basis, end.ShiftedFrom));
        return null;
    }

    private DomainError? ResumeByCommand(string name, string? following = null)
    {
        if (Spec(name) is null) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        var clock = state.Clocks.GetValueOrDefault(name);
        if (clock is not { Status: ClockStatus.Suspended or ClockStatus.Interrupted })
            return new DomainError("clock-not-paused", $"clock '{name}' is not suspended or interrupted ({Describe(clock)})");
        if (following is not null && clock.Status == ClockStatus.Interrupted)
        {
            // Restarted in full, but not before the other clock has run out (DPR 160/2010 art. 7 c.2).
            var start = Following(following);
            var (dueAt, shiftedFrom) = DueAfter(Spec(name)!, start.From);
            Emit(new DeadlineResumed(name, dueAt, clock.Generation + 1,
                start.Fallback ?? $"restarted in full after the interruption, following clock '{following}'", shiftedFrom));
            return null;
        }
        ResumeClock(clock, clock.Status == ClockStatus.Interrupted ? "restarted in full after the interruption" : "resumed");
        return null;
    }

    /// <summary>
    /// A suspension resumes with the time that was left; an interruption restarts the full term.
    /// A term in days is left in days: from the day it was suspended to its own last day, counted
    /// again from the day it resumes, so it still ends at the end of a day (art. 2963 c.2 c.c.).
    /// Its own last day, not the working day a holiday moved it to: art. 2963 c.3 moves only the
    /// final expiry ("se il termine scade in giorno festivo"), so counting the days left up to the
    /// moved date would lend the suspended term the holiday and end it a day or two late.
    /// </summary>
    private void ResumeClock(ClockState clock, string cause)
    {
        var spec = Spec(clock.Name)!;
        var (dueAt, shiftedFrom) = clock.Status == ClockStatus.Interrupted
            ? DueAfter(spec)
            : spec.Term.IsCalendarTerm ? Split(LegalCalendar.Term(now, DaysLeft(clock), spec.Days)) : (now + clock.Remaining!.Value, null);
        Emit(new DeadlineResumed(clock.Name, dueAt, clock.Generation + 1, cause, shiftedFrom));
    }

    /// <summary>
    /// A suspended clock keeps its <c>DueAt</c> (and <c>ShiftedFrom</c>, its own last day when the
    /// expiry was moved); it was suspended <c>Remaining</c> before <c>DueAt</c>.
    /// </summary>
    internal static int DaysLeft(ClockState suspended)
    {
        var suspendedAt = suspended.DueAt!.Value - suspended.Remaining!.Value;
        return LegalCalendar.DaysBetween(suspendedAt, suspended.ShiftedFrom ?? LegalCalendar.LocalDate(suspended.DueAt.Value));
    }

    private DomainError? InterruptClock(string name)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Running or ClockStatus.Suspended } clock)
            return NotRunning(name);
        if (spec.Interruption is not { } rule)
            return new DomainError("interruption-not-allowed", $"clock '{name}' ({spec.Basis}) cannot be interrupted");
        if (clock.Interruptions >= rule.Times)
            return new DomainError("interruption-used",
                $"clock '{name}' was already interrupted {clock.Interruptions} time(s); {rule.Basis} allows {rule.Times}");
        if (OutOfWindow(name, "interruption", "interrupted", rule.Within, rule.Basis, spec) is { } late) return late;
        Emit(new DeadlineInterrupted(name, clock.Generation + 1, rule.Basis));
        return null;
    }

    private DomainError? StopClock(string name)
    {
        if (Spec(name) is null) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted } clock)
            return NotRunning(name);
        Emit(new DeadlineStopped(name, clock.Generation + 1));
        return null;
    }

    /// <summary>The term ran out: record its legal effect and, where the definition says so, abandon what the case was doing.</summary>
    private void Expire(ClockState clock)
    {
        var spec = Spec(clock.Name)!;
        var (effect, next) = (spec.OnExpiry.Effect, spec.OnExpiry.Next);
        if (spec.OnExpiry.When is { } when)
        {
            // The law's effect only where it applies (the procedure catalogue's flag, art. 20 c.4
            // L. 241/1990); a condition that cannot be read gives no effect: silence is assent only
            // where it is certain.
            bool holds;
            try { holds = sandbox.Test(when.Text, Scope()); }
            catch (ExpressionException) { holds = false; }
            if (!holds) (effect, next) = (ExpiryEffect.None, spec.OnExpiry.Otherwise);
        }
        Emit(new DeadlineExpired(clock.Name, KebabCase.Of(effect), clock.Generation + 1));
        if (next is null) return;
        foreach (var token in state.Tokens.Values.OrderByDescending(x => x.Parent is not null).ThenBy(x => x.Id, StringComparer.Ordinal))
            if (token.Bookmark is not null || token.Parent is not null)
                Emit(new StepAbandoned(token.Step, token.Id, $"clock '{clock.Name}' expired"));
        Enter(Token.Main, next.Name);
    }

    /// <summary>
    /// A window of a clock operation (<c>within: 30d</c>) runs from the application: the law counts
    /// it "dalla presentazione della domanda" (art. 20 c.5 DPR 380/2001) or "dal ricevimento della
    /// domanda" (DPR 160/2010 art. 7 c.1), which is when the case was opened. It ends like a term.
    /// A later operation has no legal effect, so it is refused with the rule named.
    /// </summary>
    private DomainError? OutOfWindow(string name, string operation, string done, Duration? within, string basis, ClockSpec spec)
    {
        if (within is not { } window || state.OpenedAt is not { } application) return null;
        var closes = window.IsCalendarTerm ? LegalCalendar.Term(application, window, spec.Days).DueAt : application + window.Value;
        if (now <= closes) return null;
        return new DomainError($"{operation}-out-of-window",
            $"clock '{name}' can be {done} only within {window} of the application (by {LegalCalendar.LocalDate(closes):yyyy-MM-dd}); "
            + $"{basis}: a later {operation} has no legal effect");
    }

    /// <summary>The full term from now (or from its legal start), and its own last day when its expiry moved past a holiday.</summary>
    private (DateTimeOffset DueAt, DateOnly? ShiftedFrom) DueAfter(ClockSpec spec) => DueAfter(spec, now);

    private static (DateTimeOffset DueAt, DateOnly? ShiftedFrom) DueAfter(ClockSpec spec, DateTimeOffset start) =>
        spec.Term.IsCalendarTerm ? Split(LegalCalendar.Term(start, spec.Term, spec.Days)) : (start + spec.Term.Value, null);

    private static (DateTimeOffset DueAt, DateOnly? ShiftedFrom) Split(TermEnd end) => (end.DueAt, end.ShiftedFrom);

    private ClockSpec? Spec(string name) => definition.Clocks.GetValueOrDefault(name);

    private DomainError NotRunning(string name) =>
        new("clock-not-running", $"clock '{name}' is not running ({Describe(state.Clocks.GetValueOrDefault(name))})");

    private static string Describe(ClockState? clock) =>
        clock is null ? "never started" : clock.Status.ToString().ToLowerInvariant();
}
