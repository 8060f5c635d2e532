namespace Sys2.Workflows.Integrations.Http.Adapters;

/// <summary>
/// Where a regional system answers and how patiently the adapter asks it. Tests shorten the
/// timings; production keeps the defaults, which stay well inside a step's retry policy.
/// </summary>
public class AdapterHttpOptions
{
    /// <summary>The system's root, ending with a slash (relative paths are resolved against it).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>One try; a slower answer is abandoned and counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All tries together, backoff included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Retries after the first try (5xx, 408, 429, connection failures, attempt timeouts).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the circuit stays open once the failure ratio was exceeded.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Calls within the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    public double BreakerFailureRatio { get; set; } = 0.5;

    internal Uri RequireBaseAddress(string system) =>
        BaseAddress ?? throw new InvalidOperationException($"{system}: no base address is configured for the adapter");
}
