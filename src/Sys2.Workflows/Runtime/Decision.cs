namespace Sys2.Workflows.Runtime;

/// <summary>Why a trigger was refused. A refused trigger appends nothing.</summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>What <see cref="Decider.Decide"/> answers: the events to append, or why not.</summary>
public sealed record Decision(IReadOnlyList<object> Events, DomainError? Error)
{
    public bool IsRefused => Error is not null;

    public static Decision Accept(IReadOnlyList<object> events) => new(events, null);

    public static Decision Refuse(string code, string message) => new([], new DomainError(code, message));

    /// <summary>A trigger that no longer applies (a stale timer, a duplicate answer): nothing to do, nothing wrong.</summary>
    public static Decision Nothing { get; } = new([], null);
}
