using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.SigmaTer;

public static class SigmaTerAdapterSetup
{
    /// <summary>Registers <see cref="ISigmaTer"/> over HTTP at <paramref name="baseAddress"/> and its <c>sigmater.visura</c> handler.</summary>
    public static IServiceCollection AddSigmaTerAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null)
    {
        services.AddRegionalSystemClient<ISigmaTer, SigmaTerHttpAdapter>(baseAddress, configure);
        // TryAddEnumerable: wiring the adapter twice must not give the dispatcher two handlers for one activity.
        services.TryAddEnumerable(ServiceDescriptor.Transient<IActivityHandler, SigmaTerVisuraHandler>());
        return services;
    }
}
