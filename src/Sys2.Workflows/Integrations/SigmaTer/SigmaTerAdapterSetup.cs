using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.SigmaTer;

public static class SigmaTerAdapterSetup
{
    /// <summary>Registers <see cref="ISigmaTer"/> over HTTP at <paramref name="baseAddress"/> and its <c>sigmater.visura</c> handler.</summary>
    public static IServiceCollection AddSigmaTerAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null)
    {
        services.AddRegionalSystemClient<ISigmaTer, SigmaTerHttpAdapter>(baseAddress, configure);
        services.AddTransient<IActivityHandler, SigmaTerVisuraHandler>();
        return services;
    }
}
