using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.SigmaTer;

public static class SigmaTerAdapterRegistration
{
    /// <summary>Registers <see cref="ISigmaTerPort"/> over HTTP at <paramref name="baseAddress"/> and its <c>sigmater.visura</c> handler.</summary>
    public static IServiceCollection AddSigmaTerAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<ISigmaTerPort, SigmaTerHttpAdapter, SigmaTerVisuraHandler>(
            SigmaTerHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
