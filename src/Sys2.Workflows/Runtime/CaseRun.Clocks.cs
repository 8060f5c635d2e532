using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

// Legal clocks: L. 241/1990 art. 2 (terms, one suspension of at most 30 days), art. 10-bis
// (preavviso: 10 days for observations, term suspended), art. 20 (silenzio-assenso);
// DPR 380/2001 art. 20 (interruption: the term restarts in full).
internal sealed partial class CaseRun
{
    /// <summary>A clock operation written in the definition. What the law does not allow is refused on the record, not thrown.</summary>
    private void ApplyClockOperation(ClockOperation operation, string step)
    {
        // In a definition "resume" means "if paused" (a suspension may have ended by its limit) and
        // "stop" means "if still running" (the term may have expired already): nothing to record otherwise.
        var status = state.Clocks.GetValueOrDefault(operation.Clock)?.Status;
        if ((operation.Kind == ClockOperationKind.Resume && status == ClockStatus.Running)
            || (operation.Kind == ClockOperationKind.Stop && status is ClockStatus.Expired or ClockStatus.Stopped))
            return;
        var why = operation.Kind switch
        {
            ClockOperationKind.Start => StartClock(operation.Clock),
            ClockOperationKind.Suspend => SuspendClock(operation.Clock, operation.Reason),
            ClockOperationKind.Resume => ResumeByCommand(operation.Clock),
            ClockOperationKind.Interrupt => InterruptClock(operation.Clock),
            _ => StopClock(operation.Clock),
        };
        if (why is not null)
            Emit(new DeadlineOperationRefused(operation.Clock, operation.Kind.ToString().ToLowerInvariant(), step, why.Message));
    }

    public DomainError? Suspend(SuspendDeadline t) => SuspendClock(t.Clock, t.Reason);

    public DomainError? Resume(ResumeDeadline t) => ResumeByCommand(t.Clock);

    public DomainError? Interrupt(InterruptDeadline t) => InterruptClock(t.Clock);

    private DomainError? StartClock(string name)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        var clock = state.Clocks.GetValueOrDefault(name);
        if (clock is { Status: ClockStatus.Running or ClockStatus.Suspended or ClockStatus.Interrupted })
            return new DomainError("clock-running", $"clock '{name}' is already {clock.Status.ToString().ToLowerInvariant()}");
        Emit(new DeadlineStarted(name, spec.Term.ToString(), DueAfter(spec.Term), (clock?.Generation ?? 0) + 1, spec.Basis));
        return null;
    }

    private DomainError? SuspendClock(string name, SuspensionReason reason)
    {
        if (Spec(name) is not { } spec) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        if (state.Clocks.GetValueOrDefault(name) is not { Status: ClockStatus.Running, DueAt: { } dueAt } clock)
            return NotRunning(name);
        TimeSpan longest;
        string basis;
        if (reason == SuspensionReason.Preavviso)
        {
            longest = LegalTerms.PreavvisoObservations;
            basis = LegalTerms.PreavvisoBasis;
        }
        else
        {
            if (spec.Suspension is not { } rule)
                return new DomainError("suspension-not-allowed", $"clock '{name}' ({spec.Basis}) cannot be suspended");
            if (clock.Suspensions >= rule.Times)
                return new DomainError("suspension-used",
                    $"clock '{name}' was already suspended {clock.Suspensions} time(s); {rule.Basis} allows {rule.Times}");
            longest = rule.Max.Value;
            basis = rule.Basis;
        }
        var remaining = dueAt - now;
        if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
        Emit(new DeadlineSuspended(name, SuspensionReasons.Name(reason), remaining, now + longest, clock.Generation + 1, basis));
        return null;
    }

    private DomainError? ResumeByCommand(string name)
    {
        if (Spec(name) is null) return Refusal.UnknownClock(name, definition.Clocks.Keys);
        var clock = state.Clocks.GetValueOrDefault(name);
        if (clock is not { Status: ClockStatus.Suspended or ClockStatus.Interrupted })
            return new DomainError("clock-not-paused", $"clock '{name}' is not suspended or interrupted ({Describe(clock)})");
        ResumeClock(clock, clock.Status == ClockStatus.Interrupted ? "restarted in full after the interruption" : "resumed");
        return null;
    }

    /// <summary>
    /// A suspension resumes with the time that was left; an interruption restarts the full term.
    /// A term in days is left in days: from the day it was suspended to its last day, counted
    /// again from the day it resumes, so it still ends at the end of a day (art. 2963 c.c.).
    /// </summary>
    private void ResumeClock(ClockState clock, string cause)
    {
        var spec = Spec(clock.Name)!;
        var dueAt = clock.Status == ClockStatus.Interrupted
            ? DueAfter(spec.Term)
            : spec.Term.IsInDays ? LegalCalendar.EndOfTerm(now, DaysLeft(clock)) : now + clock.Remaining!.Value;
        Emit(new DeadlineResumed(clock.Name, dueAt, clock.Generation + 1, cause));
    }

    /// <summary>A suspended clock keeps its <c>DueAt</c>; it was suspended <c>Remaining</c> before it.</summary>
    private static int DaysLeft(ClockState suspended) =>
        LegalCalendar.DaysBetween(suspended.DueAt!.Value - suspended.Remaining!.Value, suspended.DueAt.Value);

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
        Emit(new DeadlineExpired(clock.Name, KebabCase.Of(spec.OnExpiry.Effect), clock.Generation + 1));
        if (spec.OnExpiry.Next is not { } next) return;
        foreach (var token in state.Tokens.Values.OrderByDescending(x => x.Parent is not null).ThenBy(x => x.Id, StringComparer.Ordinal))
            if (token.Bookmark is not null || token.Parent is not null)
                Emit(new StepAbandoned(token.Step, token.Id, $"clock '{clock.Name}' expired"));
        Enter(Token.Main, next.Name);
    }

    private DateTimeOffset DueAfter(Duration term) =>
        term.IsInDays ? LegalCalendar.EndOfTerm(now, term.Amount) : now + term.Value;

    private ClockSpec? Spec(string name) => definition.Clocks.GetValueOrDefault(name);

    private DomainError NotRunning(string name) =>
        new("clock-not-running", $"clock '{name}' is not running ({Describe(state.Clocks.GetValueOrDefault(name))})");

    private static string Describe(ClockState? clock) =>
        clock is null ? "never started" : clock.Status.ToString().ToLowerInvariant();
}
