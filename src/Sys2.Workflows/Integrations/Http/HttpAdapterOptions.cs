namespace Sys2.Workflows.Integrations.Http;

/// <summary>
/// Timeouts, retries and circuit breaking of one regional system's HTTP client. The defaults
/// suit production; tests shorten them so fault modes run in milliseconds.
/// </summary>
public sealed class HttpAdapterOptions
{
    /// <summary>How long one attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the whole call may take, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Retries after the first attempt (at least 1), on 5xx, 408, 429, timeouts and refused connections.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential, jittered backoff between attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the circuit stays open once the system has failed too often.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
