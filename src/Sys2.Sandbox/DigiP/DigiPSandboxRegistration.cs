using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sys2.Sandbox.DigiP;

public static class DigiPSandboxRegistration
{
    /// <summary>The DigiP simulator's inspector and register; limits from <c>Sandbox:DigiP</c>.</summary>
    public static IServiceCollection AddDigiPSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DigiPSandboxOptions>(configuration.GetSection(DigiPSandboxOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SipInspector(sp.GetRequiredService<IOptions<DigiPSandboxOptions>>().Value));
        services.AddSingleton<DigiPArchive>();
        return services;
    }
}
