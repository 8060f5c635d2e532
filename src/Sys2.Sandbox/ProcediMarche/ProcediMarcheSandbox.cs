using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.ProcediMarche;

/// <summary>The ProcediMarche simulator under <c>/sandbox/procedimarche</c>.</summary>
public static class ProcediMarcheSandbox
{
    public const string System = "procedimarche";

    public static IServiceCollection AddProcediMarcheSandbox(this IServiceCollection services) =>
        services.AddSingleton(sp => new ProcediMarcheCatalogue(sp.GetRequiredService<FaultInjector>().Seed));

    public static RouteGroupBuilder MapProcediMarche(this IEndpointRouteBuilder sandbox)
    {
        var group = sandbox.MapGroup("/" + System).WithFaults(System);
        group.MapGet("/entities/{tenant}/procedures/{code}", (string tenant, string code, ProcediMarcheCatalogue catalogue) =>
        {
            if (EntityCatalogue.Load().ByTenantId(tenant) is null)
                return Results.Problem($"no entity '{tenant}' in the SYS² aggregation", statusCode: StatusCodes.Status404NotFound, title: "unknown entity");
            return catalogue.Find(tenant, code) is { } entry
                ? Results.Ok(entry)
                : Results.Problem($"no procedure '{code}' in the catalogue; known codes: {string.Join(", ", catalogue.Codes)}",
                    statusCode: StatusCodes.Status404NotFound, title: "unknown procedure");
        });
        return group;
    }
}
