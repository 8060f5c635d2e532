using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Sandbox.DigiP;
using Sys2.Sandbox.Faults;
using Sys2.Sandbox.IntermediaMarche;
using Sys2.Sandbox.ProcediMarche;
using Sys2.Sandbox.Protocol;
using Sys2.Sandbox.SigmaTer;
using Sys2.Sandbox.MPay;
using Sys2.Sandbox.Notifications;
using Sys2.Sandbox.Pec;

namespace Sys2.Sandbox;

/// <summary>
/// Mounts the simulators of the regional systems under <c>/sandbox</c>. Fault plans come from
/// configuration <c>Sandbox:Faults:{system}</c> and the admin endpoint; <c>Sandbox:Seed</c>
/// fixes every random choice.
/// </summary>
public static class SandboxSetup
{
    public const string Prefix = "/sandbox";

    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var faults = new FaultInjector(configuration.GetValue("Sandbox:Seed", 2026));
        foreach (var system in configuration.GetSection("Sandbox:Faults").GetChildren())
            faults.Set(system.Key, system.Get<FaultSettings>() ?? FaultSettings.None);
        services.AddSingleton(faults);
        // Each simulator registers its state here (one line per system).
        services.AddProcediMarcheSandbox();
        services.AddSigmaTerSandbox();
        services.AddProtocolSandbox();
        services.AddMPaySandbox(configuration);
        services.AddDigiPSandbox(configuration);
        services.AddNotificationsSandbox(configuration);
        services.AddIntermediaMarcheSandbox(configuration);
        services.AddPecSandbox(configuration);
        return services;
    }

    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup(Prefix);
        sandbox.MapFaultEndpoints();
        // Each simulator maps its group here (one line per system), e.g. sandbox.MapGroup("/mpay").WithFaults("mpay").
        sandbox.MapProcediMarche();
        sandbox.MapSigmaTer();
        sandbox.MapProtocol();
        sandbox.MapMPay();
        sandbox.MapDigiP();
        sandbox.MapNotifications();
        sandbox.MapIntermediaMarche();
        sandbox.MapPec();
        return sandbox;
    }
}
