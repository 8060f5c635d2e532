using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.ProcediMarche;

public static class ProcediMarcheAdapterRegistration
{
    /// <summary>Registers <see cref="IProcediMarchePort"/> over HTTP at <paramref name="baseAddress"/> and its <c>procedimarche.lookup</c> handler.</summary>
    public static IServiceCollection AddProcediMarcheAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IProcediMarchePort, ProcediMarcheHttpAdapter, ProcediMarcheLookupHandler>(
            ProcediMarcheHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
