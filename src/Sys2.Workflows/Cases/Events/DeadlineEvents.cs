namespace Sys2.Workflows.Cases.Events;

// Every clock event carries the clock's generation: a timer scheduled for an older
// generation (before a suspension, resumption or interruption) is stale and does nothing.

// ShiftedFrom: the term's own last day when art. 2963 c.3 c.c. moved DueAt past a Sunday or a
// holiday (null when it did not, and in events recorded before it was kept). A suspension counts
// the days left up to it, not up to DueAt: only the final expiry moves.

// From: the legal date the term runs from when the definition gives one (a receipt's date), null when
// it runs from the event itself. FromFallback: why the date the definition names was not used (empty,
// not a date, later than the step) and the term runs from the event instead.

/// <summary>A legal term started running; it ends at <c>DueAt</c>.</summary>
public sealed record DeadlineStarted(
    string Clock, string Term, DateTimeOffset DueAt, int Generation, string Basis, DateOnly? ShiftedFrom = null,
    DateTimeOffset? From = null, string? FromFallback = null);

/// <summary>The term is paused with <c>Remaining</c> left; it resumes by itself at <c>ResumeBy</c> at the latest.</summary>
public sealed record DeadlineSuspended(
    string Clock, string Reason, TimeSpan Remaining, DateTimeOffset ResumeBy, int Generation, string Basis);

/// <summary>The term runs again until <c>DueAt</c>: with the remaining time, or in full after an interruption.</summary>
public sealed record DeadlineResumed(string Clock, DateTimeOffset DueAt, int Generation, string Cause, DateOnly? ShiftedFrom = null);

/// <summary>
/// The term is longer from the same start (e.g. 40 days instead of 30 from the proposal, DPR 380/2001
/// art. 20 c.6, after a preavviso di rigetto): it now ends at <c>DueAt</c>.
/// </summary>
public sealed record DeadlineExtended(string Clock, string Term, DateTimeOffset DueAt, int Generation, string Basis, DateOnly? ShiftedFrom = null);

/// <summary>The term stopped and will restart in full when resumed.</summary>
public sealed record DeadlineInterrupted(string Clock, int Generation, string Basis);

/// <summary>The decision was taken: the term no longer runs.</summary>
public sealed record DeadlineStopped(string Clock, int Generation);

/// <summary>The term ran out with its legal effect (silenzio-assenso, decorrenza termini).</summary>
public sealed record DeadlineExpired(string Clock, string Effect, int Generation);

/// <summary>A clock operation written in the definition was not applied, and why (e.g. the one suspension was used).</summary>
public sealed record DeadlineOperationRefused(string Clock, string Operation, string Step, string Why);
