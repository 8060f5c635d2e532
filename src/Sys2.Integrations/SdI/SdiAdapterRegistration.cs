using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.SdI;

public static class SdiAdapterRegistration
{
    /// <summary>Registers <see cref="ISdiPort"/> over HTTP at IntermediaMarche's <paramref name="baseAddress"/> and its <c>sdi.send-outcome</c> handler.</summary>
    public static IServiceCollection AddSdiAdapter(this IServiceCollection services, Uri baseAddress, Action<HttpAdapterOptions>? configure = null) =>
        services.AddHttpAdapter<ISdiPort, SdiHttpAdapter, SdiSendOutcomeHandler>(SdiHttpAdapter.System, baseAddress, HttpAdapterOptions.Create(configure));
}
