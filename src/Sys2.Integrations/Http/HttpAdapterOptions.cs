namespace Sys2.Integrations.Http;

/// <summary>
/// Timeouts, retries and circuit breaking of one regional system's HTTP client. The defaults
/// suit production and stay well inside a step's own retry policy; tests shorten them so fault
/// modes run in milliseconds. Adapters with settings of their own derive from it.
/// </summary>
public class HttpAdapterOptions
{
    /// <summary>How long one attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the whole call may take, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Retries after the first attempt (at least 1), on 5xx, 408, 429, timeouts and refused connections.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential, jittered backoff between attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the circuit stays open once the system has failed too often. Shorter than a
    /// step's default backoff (10 s, then 20 s), so the engine's next attempt finds the circuit
    /// half-open and probes the system, instead of failing fast into an incident.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Attempts the breaker must see in its window before it may open. Lower than the library's
    /// default of 100: a comune's office makes a few calls a minute, and a dead system should
    /// still be left alone after a handful of failures.
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>
    /// Share of failed attempts in the window that opens the circuit. The breaker is for a system
    /// that is down, not for one that is flaky: at 30% failures (the fault tests) it stays closed
    /// and the retries absorb them; at 50% it opened in a window of 20 every few minutes.
    /// </summary>
    public double BreakerFailureRatio { get; set; } = 0.7;

    /// <summary>Fresh options of <typeparamref name="T"/> with <paramref name="configure"/> applied.</summary>
    internal static T Create<T>(Action<T>? configure)
        where T : HttpAdapterOptions, new()
    {
        var options = new T();
        configure?.Invoke(options);
        return options;
    }

    /// <exception cref="ArgumentOutOfRangeException">A value the resilience pipeline would refuse at the first call.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetries, 1, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(AttemptTimeout, TimeSpan.FromMilliseconds(10), nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TotalTimeout, AttemptTimeout, nameof(TotalTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(BreakDuration, TimeSpan.FromMilliseconds(500), nameof(BreakDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(BreakerMinimumThroughput, 2, nameof(BreakerMinimumThroughput));
        if (BreakerFailureRatio is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(BreakerFailureRatio), BreakerFailureRatio, "must be above 0 and at most 1");
    }
}
