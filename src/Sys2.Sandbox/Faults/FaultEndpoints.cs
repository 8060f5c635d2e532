using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sys2.Sandbox.Faults;

/// <summary>The sandbox admin endpoint: read and set the fault plan of a system while the host runs.</summary>
public static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder sandbox)
    {
        sandbox.MapGet("/admin/faults/{system}", (string system, FaultInjector faults) => Results.Ok(faults.For(system))).AsSandboxControl();
        sandbox.MapPut("/admin/faults/{system}", (string system, FaultSettings settings, FaultInjector faults) =>
        {
            if (settings.ServerErrors is < 0 or > 1 || settings.Timeouts is < 0 or > 1 || settings.DuplicateCallbacks is < 0 or > 1)
                return Results.Problem("shares must be between 0 and 1", statusCode: StatusCodes.Status400BadRequest);
            faults.Set(system, settings);
            return Results.Ok(settings);
        }).AsSandboxControl();
        sandbox.MapDelete("/admin/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); }).AsSandboxControl();
    }
}
