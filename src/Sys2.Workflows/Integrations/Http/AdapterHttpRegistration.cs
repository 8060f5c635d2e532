using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Sys2.Workflows.Integrations.Http.Adapters;

/// <summary>Registers a typed HttpClient for a regional system with retry (jittered backoff), timeouts and a circuit breaker.</summary>
public static class AdapterHttpRegistration
{
    public static IHttpClientBuilder AddAdapterHttpClient<TPort, TAdapter, TOptions>(this IServiceCollection services, string system)
        where TPort : class
        where TAdapter : class, TPort
        where TOptions : AdapterHttpOptions
    {
        var builder = services.AddHttpClient<TPort, TAdapter>(system, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            client.BaseAddress = options.RequireBaseAddress(system);
            // The resilience pipeline owns the timeouts; HttpClient's own must never fire first.
            client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
        });
        builder.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            Apply(options, resilience);
        });
        return builder;
    }

    internal static void Apply(AdapterHttpOptions options, HttpStandardResilienceOptions resilience)
    {
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        resilience.Retry.Delay = options.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        // The breaker's window must hold at least two attempts, or the options fail validation.
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.AttemptTimeout.Ticks * 2));
        resilience.CircuitBreaker.MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput);
        resilience.CircuitBreaker.FailureRatio = options.BreakerFailureRatio;
        resilience.CircuitBreaker.BreakDuration = options.BreakDuration;
    }
}
