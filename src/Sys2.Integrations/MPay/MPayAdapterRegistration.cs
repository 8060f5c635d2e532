using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.MPay;

public static class MPayAdapterRegistration
{
    /// <summary>Registers <see cref="IMPayPort"/> over HTTP at <paramref name="baseAddress"/> and its <c>mpay.request-payment</c> handler.</summary>
    public static IServiceCollection AddMPayAdapter(
        this IServiceCollection services, Uri baseAddress, Action<MPayAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<IMPayPort, MPayHttpAdapter, MPayRequestPaymentHandler, MPayAdapterOptions>(MPayHttpAdapter.System, baseAddress, configure);
}
