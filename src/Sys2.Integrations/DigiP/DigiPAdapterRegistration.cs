using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.DigiP;

public static class DigiPAdapterRegistration
{
    /// <summary>
    /// Registers <see cref="IDigiPPort"/> over HTTP at <paramref name="baseAddress"/> and its
    /// <c>digip.archive</c> handler. The host must register an <see cref="IDocumentContent"/>.
    /// </summary>
    public static IServiceCollection AddDigiPAdapter(
        this IServiceCollection services, Uri baseAddress, Action<DigiPAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IDigiPPort, DigiPHttpAdapter, DigiPArchiveHandler, DigiPAdapterOptions>(DigiPHttpAdapter.System, baseAddress, configure);
}
