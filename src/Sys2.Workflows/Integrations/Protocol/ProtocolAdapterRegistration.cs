using Microsoft.Extensions.DependencyInjection;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.Protocol;

public static class ProtocolAdapterRegistration
{
    /// <summary>Registers <see cref="IProtocolRegister"/> over HTTP at <paramref name="baseAddress"/> and its <c>protocol.register</c> handler.</summary>
    public static IServiceCollection AddProtocolAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IProtocolRegister, ProtocolHttpAdapter, ProtocolRegisterHandler>(
            ProtocolHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
