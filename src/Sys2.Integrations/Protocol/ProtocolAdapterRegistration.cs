using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.Protocol;

public static class ProtocolAdapterRegistration
{
    /// <summary>Registers <see cref="IProtocolPort"/> over HTTP at <paramref name="baseAddress"/> and its <c>protocol.register</c> handler.</summary>
    public static IServiceCollection AddProtocolAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IProtocolPort, ProtocolHttpAdapter, ProtocolRegisterHandler>(
            ProtocolHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
