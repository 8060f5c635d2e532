using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>Builds adapters the way a host would, with timings short enough for tests.</summary>
public static class Adapters
{
    public static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        register(services);
        return services.BuildServiceProvider();
    }

    public static IActivityPort Activities(this IServiceProvider services) =>
        new ActivityDispatcher(services.GetServices<IActivityHandler>());

    public static void Quick(this AdapterHttpOptions options, Uri baseAddress)
    {
        options.BaseAddress = baseAddress;
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.TotalTimeout = TimeSpan.FromSeconds(8);
        options.MaxRetries = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(20);
    }

    public static ActivityCall Call(string activity, JsonObject input, string tenant = "H769", string caseId = "c-2026-0001", string step = "request-payment", int attempt = 1) =>
        new(tenant, caseId, step, activity, attempt, $"{caseId}/{step}/1/{attempt}", input);
}
