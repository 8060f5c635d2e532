using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Workflows.Integrations.Http.Adapters;

namespace Sys2.Workflows.Integrations.MPay;

public static class MPayAdapterRegistration
{
    /// <summary>The MPay HTTP client (retry, timeouts, circuit breaker), <see cref="IMPayPort"/> and the <c>mpay.request-payment</c> handler.</summary>
    public static IServiceCollection AddMPayAdapter(this IServiceCollection services, Action<MPayAdapterOptions> configure)
    {
        services.AddOptions<MPayAdapterOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient<IMPayPort, HttpMPayPort, MPayAdapterOptions>(HttpMPayPort.System);
        services.AddTransient<IActivityHandler, RequestPaymentHandler>();
        return services;
    }

    /// <summary>As above, bound from a configuration section (e.g. <c>Integrations:MPay</c>).</summary>
    public static IServiceCollection AddMPayAdapter(this IServiceCollection services, IConfiguration section) =>
        services.AddMPayAdapter(options => section.Bind(options));
}
