using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sys2.Integrations.Pec;

public static class PecAdapterRegistration
{
    /// <summary>
    /// PEC through the entity's provider (SMTP with MailKit, <see cref="IPecPort"/>) and the handler of
    /// <c>pec.send</c>. The act's bytes come from the host's <see cref="DigiP.IDocumentContent"/>, which
    /// must be registered too. Options pattern, so the host can point it at a provider whose port is known
    /// only when it starts.
    /// </summary>
    public static IServiceCollection AddPecAdapter(this IServiceCollection services, Action<PecOptions> pec)
    {
        services.AddOptions<PecOptions>().Configure(pec);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPecPort, PecSmtpAdapter>();
        services.AddTransient<IActivityHandler, PecSendHandler>();
        return services;
    }
}
