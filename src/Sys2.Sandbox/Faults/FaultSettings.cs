namespace Sys2.Sandbox.Faults;

/// <summary>
/// What a simulated system does wrong, per system. Shares are between 0 and 1 and are drawn
/// from the system's seeded random source, so a run with the same seed and the same calls
/// fails the same way.
/// </summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Added to every answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Share of requests answered 503 without being processed.</summary>
    public double ServerErrors { get; init; }

    /// <summary>Share of requests that hang for <see cref="TimeoutDelay"/> before a 504, so the client times out first.</summary>
    public double Timeouts { get; init; }

    public TimeSpan TimeoutDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of callbacks delivered twice.</summary>
    public double DuplicateCallbacks { get; init; }

    /// <summary>Callbacks held back and delivered in reverse order of their events.</summary>
    public bool OutOfOrderCallbacks { get; init; }
}
