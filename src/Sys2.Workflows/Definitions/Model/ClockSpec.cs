namespace Sys2.Workflows.Definitions;

/// <summary>
/// A legal deadline clock: its term, the article that sets it, how its days are counted, how
/// it may be suspended or interrupted and what its expiry means in law.
/// </summary>
public sealed record ClockSpec(
    string Name,
    Duration Term,
    string Basis,
    SuspensionRule? Suspension,
    InterruptionRule? Interruption,
    ExpiryRule OnExpiry,
    SourceSpan Where,
    TermDays Days = TermDays.Shifted)
{
    /// <summary>How long the term becomes, from the same start, when it is extended (<c>- extend: final</c>).</summary>
    public ExtensionRule? Extension { get; init; }
}

/// <summary>
/// The term is longer, counted from the same start, after an event the law names: DPR 380/2001
/// art. 20 c.6, the final measure on a permesso di costruire is due in 40 days from the proposal,
/// not 30, once the applicant was sent a preavviso di rigetto. Once.
/// </summary>
public sealed record ExtensionRule(Duration Term, string Basis);

/// <summary>How the last day of a term in days is found.</summary>
public enum TermDays
{
    /// <summary>
    /// Calendar days; a last day that is a Sunday or a national holiday moves to the next working
    /// day (art. 2963 c.3 c.c., art. 155 c.4 c.p.c.; art. 1187 c.c. for payment terms): the
    /// administrative terms of L. 241/1990.
    /// </summary>
    Shifted,
    /// <summary>Calendar days and nothing moves: SdI's 15 days for an outcome (decorrenza termini) are counted by the system itself.</summary>
    Plain,
}

/// <summary>
/// Art. 2 c.7 L. 241/1990: suspended once, for at most 30 days, to obtain information.
/// <c>Within</c>: the suspension may be asked only so long after the application (DPR 160/2010
/// art. 7 c.1: integrations within 30 days of receipt); later it has no legal effect.
/// </summary>
public sealed record SuspensionRule(int Times, Duration Max, string Basis, Duration? Within = null);

/// <summary>
/// The term stops and restarts in full (e.g. art. 20 c.5 DPR 380/2001, missing documents).
/// <c>Within</c>: only so long after the application (art. 20 c.5: "entro trenta giorni dalla
/// presentazione della domanda"); a later interruption has no legal effect.
/// </summary>
public sealed record InterruptionRule(int Times, string Basis, Duration? Within = null);

/// <summary>
/// What the law makes of an expired term, and where the case goes. With <c>When</c>, the effect
/// holds only when the condition does (the procedure catalogue says silenzio-assenso applies: art.
/// 20 c.4 L. 241/1990 excludes whole matters); otherwise the expiry has no effect and the case goes
/// to <c>Otherwise</c>, when given.
/// </summary>
public sealed record ExpiryRule(ExpiryEffect Effect, StepRef? Next)
{
    public Expression? When { get; init; }
    public StepRef? Otherwise { get; init; }

    /// <summary>Every step an expiry can lead to.</summary>
    public IEnumerable<StepRef> Targets()
    {
        if (Next is not null) yield return Next;
        if (Otherwise is not null) yield return Otherwise;
    }
}

public enum ExpiryEffect
{
    None,
    /// <summary>Art. 20 L. 241/1990: no decision within the term means the application is accepted.</summary>
    SilenzioAssenso,
    /// <summary>SdI: with no EC outcome within 15 days of receipt no outcome can be sent any more.</summary>
    DecorrenzaTermini,
}

public enum ClockOperationKind { Start, Suspend, Resume, Interrupt, Stop, Extend }

/// <summary>Why a clock is suspended: each ground has its own legal limits.</summary>
public enum SuspensionReason
{
    /// <summary>Art. 2 c.7 L. 241/1990: counted against the clock's suspension rule.</summary>
    Integration,
    /// <summary>Art. 10-bis L. 241/1990 (preavviso di rigetto): 10 days for observations, not counted.</summary>
    Preavviso,
}

/// <summary>A clock operation applied when a step is entered (<c>- suspend: decision</c>).</summary>
public sealed record ClockOperation(ClockOperationKind Kind, string Clock, SuspensionReason Reason, SourceSpan Where)
{
    /// <summary>
    /// On <c>start</c> only: the legal date the term runs from (<c>from: inputs.receivedAt</c>), a
    /// date or a date-time, when the law counts it from a receipt (the portal's or the PEC's, SdI's
    /// delivery) rather than from the moment the step runs. Absent: from the moment the step runs.
    /// </summary>
    public Expression? From { get; init; }

    /// <summary>
    /// On <c>start</c>, or on <c>resume</c> of an interrupted clock: the term runs from when this other
    /// clock runs out, or from the moment of the step if that is later (DPR 160/2010 art. 7 c.2: the
    /// decision is due 30 days after the 30 days for integrations).
    /// </summary>
    public string? Following { get; init; }

    public SourceSpan FollowingWhere { get; init; }

    /// <summary>
    /// On <c>resume</c> of a clock suspended for a preavviso: the suspension ends when this much has run
    /// from <see cref="From"/> (or the step's moment), counted as a term (art. 10-bis L. 241/1990: the
    /// term starts again ten days after the observations are filed, or when the ten days from the
    /// applicant's receipt end).
    /// </summary>
    public Duration? After { get; init; }

    public SourceSpan AfterWhere { get; init; }
}
