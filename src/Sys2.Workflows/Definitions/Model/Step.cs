namespace Sys2.Workflows.Definitions;

/// <summary>
/// A named step. Each kind says what the case does there and where it can go next
/// (<see cref="Links"/>); <see cref="Clocks"/> are applied when the step is entered.
/// </summary>
public abstract record Step(string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where)
{
    /// <summary>The kind key as written in YAML: task, decision, call, wait, deadline, parallel, end.</summary>
    public abstract string Kind { get; }

    /// <summary>Every step this one can lead to.</summary>
    public abstract IEnumerable<StepLink> Links();

    public string Label => Title ?? Name;
}

/// <summary>A human task for a role of an office, with a form and named outcomes.</summary>
public sealed record TaskStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    string Role,
    string Office,
    Duration? DueIn,
    IReadOnlyDictionary<string, FieldSpec> Form,
    IReadOnlyList<KeyValuePair<string, StepRef>> Outcomes,
    IReadOnlyList<Mapping> Out) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "task";
    /// <summary>Where the <c>role</c> value stands.</summary>
    public SourceSpan RoleWhere { get; init; }
    public override IEnumerable<StepLink> Links() => Outcomes.Select(o => new StepLink(o.Key, o.Value));
    public StepRef? OutcomeTarget(string outcome) => Outcomes.FirstOrDefault(o => o.Key == outcome).Value;
}

/// <summary>Ordered conditions over case data; the first that holds wins, else <see cref="Otherwise"/>.</summary>
public sealed record DecisionStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    IReadOnlyList<DecisionBranch> Branches,
    StepRef Otherwise) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "decision";
    public override IEnumerable<StepLink> Links() =>
        Branches.Select(b => new StepLink(b.When.Text, b.Next)).Append(new StepLink("otherwise", Otherwise));
}

public sealed record DecisionBranch(Expression When, StepRef Next);

/// <summary>A call to a regional system through its integration activity.</summary>
public sealed record CallStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    string Activity,
    SourceSpan ActivityWhere,
    IReadOnlyList<Mapping> With,
    IReadOnlyList<Mapping> Out,
    RetryPolicy Retry,
    StepRef Next,
    StepRef? OnFailure) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "call";
    public override IEnumerable<StepLink> Links()
    {
        yield return new StepLink("ok", Next);
        if (OnFailure is not null) yield return new StepLink("failed", OnFailure, StepLinkKind.Failure);
    }
}

/// <summary>How often and how patiently a call is retried before the engine gives up.</summary>
public sealed record RetryPolicy(int Attempts, Duration Backoff)
{
    public static RetryPolicy Default { get; } = new(3, new Duration(10, DurationUnit.Seconds));

    /// <summary>Backoff doubles at each attempt: 10s, 20s, 40s…</summary>
    public TimeSpan DelayBefore(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero : Backoff.Value * Math.Pow(2, attempt - 2);
}

/// <summary>A bookmark: the case waits for an external event, possibly with a timeout.</summary>
public sealed record WaitStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    string Event,
    Duration? Timeout,
    IReadOnlyList<Mapping> Out,
    StepRef Next,
    StepRef? OnTimeout) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "wait";
    /// <summary>Where the <c>for</c> value (the event) stands.</summary>
    public SourceSpan EventWhere { get; init; }
    /// <summary>
    /// A condition the event must meet to be this step's (reads <c>event</c>, <c>vars</c>, <c>inputs</c>):
    /// e.g. the receipt pays the avviso this case issued. An event that does not meet it is refused.
    /// </summary>
    public Expression? Match { get; init; }
    /// <summary>
    /// A condition an event that matched must also meet to be taken (reads <c>event</c>, <c>vars</c>,
    /// <c>inputs</c>): e.g. the receipt pays the avviso's full amount. It is this case's event but a
    /// wrong one, so it is refused, and, when a regional system sent it, an incident is raised for an
    /// operator: nobody at the counter is there to see the refusal.
    /// </summary>
    public Expression? Check { get; init; }
    /// <summary>
    /// The roles that may file this step's event at the counter (<c>filedBy: [clerk]</c>); absent, a
    /// clerk or a manager. Events of regional systems are never filed at the counter, whatever it says.
    /// </summary>
    public IReadOnlyList<string>? FiledBy { get; init; }
    /// <summary>Where the <c>filedBy</c> value stands.</summary>
    public SourceSpan FiledByWhere { get; init; }
    /// <summary>
    /// The legal date a timeout in days runs from (<c>from: vars.noticeReceivedAt</c>), as a clock's
    /// start may: the 10 days for observations run from the applicant's receipt of the preavviso.
    /// </summary>
    public Expression? TimeoutFrom { get; init; }
    /// <summary>Where the <c>timeout</c> value stands, when there is one.</summary>
    public SourceSpan TimeoutWhere { get; init; }
    public override IEnumerable<StepLink> Links()
    {
        yield return new StepLink(Event, Next);
        if (OnTimeout is not null) yield return new StepLink($"timeout {Timeout}", OnTimeout, StepLinkKind.Timeout);
    }
}

/// <summary>A step that only operates clocks (its <see cref="Step.Clocks"/>) and moves on.</summary>
public sealed record DeadlineStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    StepRef Next) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "deadline";
    public override IEnumerable<StepLink> Links() { yield return new StepLink("", Next); }
}

/// <summary>Branches that run side by side; <see cref="Next"/> is the join, entered when all have reached it.</summary>
public sealed record ParallelStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    IReadOnlyList<StepRef> Branches,
    StepRef Next) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "parallel";
    public override IEnumerable<StepLink> Links() =>
        Branches.Select(b => new StepLink("branch", b, StepLinkKind.Branch));
}

/// <summary>The case closes with an outcome.</summary>
public sealed record EndStep(
    string Name, string? Title, IReadOnlyList<ClockOperation> Clocks, SourceSpan Where,
    CaseOutcome Outcome) : Step(Name, Title, Clocks, Where)
{
    public override string Kind => "end";
    public override IEnumerable<StepLink> Links() => [];
}

/// <summary>
/// A step the loader could not understand (its problems are already reported). It keeps its
/// name so references to it are not reported twice as missing.
/// </summary>
public sealed record InvalidStep(string Name, SourceSpan Where) : Step(Name, null, [], Where)
{
    public override string Kind => "invalid";
    public override IEnumerable<StepLink> Links() => [];
}
