using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.DigiP;

public static class DigiPAdapterRegistration
{
    /// <summary>
    /// Registers <see cref="IDigiPPort"/> over HTTP at <paramref name="baseAddress"/> and its
    /// <c>digip.archive</c> handler. The host must register an <see cref="IDocumentContent"/>.
    /// </summary>
    public static IServiceCollection AddDigiPAdapter(
        this IServiceCollection services, Uri baseAddress, Action<DigiPAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IDigiPPort, HttpDigiPPort, ArchiveHandler, DigiPAdapterOptions>(HttpDigiPPort.System, baseAddress, configure);
}
