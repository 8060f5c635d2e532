using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Workflows.Integrations.Http.Adapters;

namespace Sys2.Workflows.Integrations.DigiP;

public static class DigiPAdapterRegistration
{
    /// <summary>
    /// The DigiP HTTP client (retry, timeouts, circuit breaker), <see cref="IDigiPPort"/> and the
    /// <c>digip.archive</c> handler. The host must register an <see cref="IDocumentContent"/>.
    /// </summary>
    public static IServiceCollection AddDigiPAdapter(this IServiceCollection services, Action<DigiPAdapterOptions> configure)
    {
        services.AddOptions<DigiPAdapterOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient<IDigiPPort, HttpDigiPPort, DigiPAdapterOptions>(HttpDigiPPort.System);
        services.AddTransient<IActivityHandler, ArchiveHandler>();
        return services;
    }

    /// <summary>As above, bound from a configuration section (e.g. <c>Integrations:DigiP</c>).</summary>
    public static IServiceCollection AddDigiPAdapter(this IServiceCollection services, IConfiguration section) =>
        services.AddDigiPAdapter(options => section.Bind(options));
}
