using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.MPay;

public static class MPaySandboxRegistration
{
    /// <summary>The MPay simulator's ledger and receipt dispatcher; options from <c>Sandbox:MPay</c>.</summary>
    public static IServiceCollection AddMPaySandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MPaySandboxOptions>(configuration.GetSection(MPaySandboxOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SegregationCodes(EntityCatalogue.Load()));
        services.AddSingleton(sp => new MPayLedger(
            sp.GetRequiredService<SegregationCodes>(), sp.GetRequiredService<TimeProvider>(), configuration.GetValue("Sandbox:Seed", 2026)));
        services.AddHttpClient(ReceiptDispatcher.ClientName);
        services.AddSingleton<ReceiptDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiptDispatcher>());
        return services;
    }
}
