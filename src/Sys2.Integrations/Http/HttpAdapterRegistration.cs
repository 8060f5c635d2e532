using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Sys2.Integrations.Http;

/// <summary>
/// Wires a regional system's adapter: a typed HttpClient named after the system, behind the
/// standard resilience handler (jittered retries, per-attempt and total timeouts, a circuit
/// breaker), and the activity handler that calls it.
/// </summary>
public static class HttpAdapterRegistration
{
    /// <summary>
    /// As below, for an adapter with settings of its own (an IBAN, a sender name): they are fixed
    /// here and served as <see cref="IOptions{TOptions}"/> to its adapter and handler.
    /// </summary>
    public static IServiceCollection AddHttpAdapter<TPort, TAdapter, THandler, TOptions>(
        this IServiceCollection services, string system, Uri baseAddress, Action<TOptions>? configure)
        where TPort : class
        where TAdapter : class, TPort
        where THandler : class, IActivityHandler
        where TOptions : HttpAdapterOptions, new()
    {
        var options = HttpAdapterOptions.Create(configure);
        services.AddHttpAdapter<TPort, TAdapter, THandler>(system, baseAddress, options);
        services.AddSingleton(Options.Create(options));
        return services;
    }

    /// <exception cref="ArgumentException">The base address is not absolute.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option the resilience pipeline would refuse.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TPort"/> is already wired.</exception>
    public static IServiceCollection AddHttpAdapter<TPort, TAdapter, THandler>(
        this IServiceCollection services, string system, Uri baseAddress, HttpAdapterOptions options)
        where TPort : class
        where TAdapter : class, TPort
        where THandler : class, IActivityHandler
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(options);
        if (!baseAddress.IsAbsoluteUri)
            throw new ArgumentException($"the base address of {system} must be absolute, got '{baseAddress}'", nameof(baseAddress));
        // Checked here rather than at the first call, so a bad setting stops the host from starting.
        options.Validate();
        // A second registration would stack a second resilience pipeline (retries of retries) on the same client.
        if (services.Any(d => d.ServiceType == typeof(TPort)))
            throw new InvalidOperationException($"{typeof(TPort).Name} is already wired: add its adapter once");

        // Relative request paths are resolved against the last segment unless the base ends with '/'.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        services.AddHttpClient<TPort, TAdapter>(system, client =>
            {
                client.BaseAddress = root;
                // The resilience pipeline owns the timeouts; HttpClient's own must not cut in first.
                client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .AddStandardResilienceHandler(resilience => Apply(options, resilience));
        services.AddTransient<IActivityHandler, THandler>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static void Apply(HttpAdapterOptions options, HttpStandardResilienceOptions resilience)
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
    }
}
