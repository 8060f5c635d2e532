using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>Adapters as the host wires them (typed client, resilience, handler, dispatcher), with test-sized timings.</summary>
public static class Adapters
{
    /// <summary>Short but generous enough for a cold Kestrel: fault tests override what they exercise.</summary>
    public static void Fast(HttpAdapterOptions options)
    {
        options.AttemptTimeout = TimeSpan.FromSeconds(5);
        options.TotalTimeout = TimeSpan.FromSeconds(15);
        options.MaxRetries = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.BreakDuration = TimeSpan.FromSeconds(1);
    }

    public static ServiceProvider Provider(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddSingleton<IActivityPort, ActivityDispatcher>();
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        register(services);
        return services.BuildServiceProvider();
    }

    public static IActivityPort Activities(this IServiceProvider services) =>
        new ActivityDispatcher(services.GetServices<IActivityHandler>());

    private static int _attempt;

    /// <summary>A call as the engine makes it; a fresh idempotency key unless one is given.</summary>
    public static ActivityCall Call(string activity, string tenant, JsonObject input, string? idempotencyKey = null) =>
        new(tenant, "case-1", "step", activity, 1, idempotencyKey ?? $"case-1/step/1/{Interlocked.Increment(ref _attempt)}-{Guid.NewGuid():N}", input);

    public static ActivityCall Call(string activity, JsonObject input, string tenant = "H769", string caseId = "c-2026-0001", string step = "request-payment", int attempt = 1) =>
        new(tenant, caseId, step, activity, attempt, $"{caseId}/{step}/1", input);
}
