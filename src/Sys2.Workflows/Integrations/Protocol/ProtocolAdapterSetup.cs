using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Workflows.Integrations.Http;

namespace Sys2.Workflows.Integrations.Protocol;

public static class ProtocolAdapterSetup
{
    /// <summary>Registers <see cref="IProtocolRegister"/> over HTTP at <paramref name="baseAddress"/> and its <c>protocol.register</c> handler.</summary>
    public static IServiceCollection AddProtocolAdapter(
        this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null)
    {
        services.AddRegionalSystemClient<IProtocolRegister, ProtocolHttpAdapter>(baseAddress, configure);
        // TryAddEnumerable: wiring the adapter twice must not give the dispatcher two handlers for one activity.
        services.TryAddEnumerable(ServiceDescriptor.Transient<IActivityHandler, ProtocolRegisterHandler>());
        return services;
    }
}
