using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.SigmaTer;

public static class SigmaTerAdapterRegistration
{
    /// <summary>Registers <see cref="ISigmaTer"/> over HTTP at <paramref name="baseAddress"/> and its <c>sigmater.visura</c> handler.</summary>
    public static IServiceCollection AddSigmaTerAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<ISigmaTer, SigmaTerHttpAdapter, SigmaTerVisuraHandler>(
            SigmaTerHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
