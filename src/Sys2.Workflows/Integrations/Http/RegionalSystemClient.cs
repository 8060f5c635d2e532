using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Sys2.Workflows.Integrations.Http;

/// <summary>Registers a typed HttpClient for a regional system with retries, timeouts and a circuit breaker.</summary>
internal static class RegionalSystemClient
{
    public static IHttpClientBuilder AddRegionalSystemClient<TPort, TAdapter>(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure)
        where TPort : class
        where TAdapter : class, TPort
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
            throw new ArgumentException($"the base address of {typeof(TAdapter).Name} must be absolute, got '{baseAddress}'", nameof(baseAddress));

        // A second registration would stack a second resilience pipeline (retries of retries) on the same client.
        if (services.Any(d => d.ServiceType == typeof(TPort)))
            throw new InvalidOperationException($"{typeof(TPort).Name} is already wired: add its adapter once");

        var options = new HttpAdapterOptions();
        configure?.Invoke(options);
        options.Validate();
        // Relative request paths are resolved against the last segment unless the base ends with '/'.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

        var builder = services.AddHttpClient<TPort, TAdapter>(client =>
        {
            client.BaseAddress = root;
            // The resilience pipeline owns the timeouts; HttpClient's own must not cut in first.
            client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
        });
        builder.AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
            resilience.Retry.MaxRetryAttempts = options.MaxRetries;
            resilience.Retry.Delay = options.RetryDelay;
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            resilience.CircuitBreaker.BreakDuration = options.BreakDuration;
            resilience.CircuitBreaker.MinimumThroughput = options.BreakerMinimumThroughput;
            resilience.CircuitBreaker.FailureRatio = options.BreakerFailureRatio;
            // The breaker's window must span at least two attempts (the options' own validation rule).
            var window = options.AttemptTimeout * 2;
            resilience.CircuitBreaker.SamplingDuration = window > TimeSpan.FromSeconds(30) ? window : TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
