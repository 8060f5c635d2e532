using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Pec;

public static class PecSandboxRegistration
{
    /// <summary>The PEC provider: its books, its SMTP submission port and its receipt dispatcher (hosted services); options from <c>Sandbox:Pec</c>.</summary>
    public static IServiceCollection AddPecSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PecSandboxOptions>(configuration.GetSection(PecSandboxOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PecReceiptDispatcher.ClientName);
        services.AddSingleton<PecProvider>();
        services.AddSingleton<PecProviderStore>();
        services.AddSingleton<PecProviderServer>();
        services.AddHostedService(sp => sp.GetRequiredService<PecProviderServer>());
        services.AddSingleton<PecReceiptDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PecReceiptDispatcher>());
        return services;
    }

    /// <summary><c>/sandbox/pec</c>: what the provider took (<c>GET messages?to=</c>), the receipts it issued and their deliveries, its SMTP port.</summary>
    public static IEndpointRouteBuilder MapPec(this IEndpointRouteBuilder sandbox)
    {
        var pec = sandbox.MapGroup("/pec").WithFaults("pec-view");
        pec.MapGet("/messages", (string? to, PecProvider provider) => Results.Ok(provider.To(to))).AsSandboxControl();
        pec.MapGet("/receipts", (string? messageId, PecProvider provider) => Results.Ok(provider.Receipts(messageId))).AsSandboxControl();
        pec.MapGet("/deliveries", (PecReceiptDispatcher dispatcher) => Results.Ok(dispatcher.Deliveries)).AsSandboxControl();
        pec.MapGet("/smtp", (PecProviderServer server) => Results.Ok(new { host = server.Host, port = server.Port })).AsSandboxControl();
        return sandbox;
    }
}
