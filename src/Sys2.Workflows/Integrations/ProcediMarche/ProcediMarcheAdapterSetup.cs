using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.ProcediMarche;

public static class ProcediMarcheAdapterSetup
{
    /// <summary>Registers <see cref="IProcediMarche"/> over HTTP at <paramref name="baseAddress"/> and its <c>procedimarche.lookup</c> handler.</summary>
    public static IServiceCollection AddProcediMarcheAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null)
    {
        services.AddRegionalSystemClient<IProcediMarche, ProcediMarcheHttpAdapter>(baseAddress, configure);
        services.AddTransient<IActivityHandler, ProcediMarcheLookupHandler>();
        return services;
    }
}
