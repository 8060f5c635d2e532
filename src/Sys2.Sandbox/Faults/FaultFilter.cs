using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sys2.Sandbox.Faults;

/// <summary>Applies a system's fault plan to every endpoint of its simulator, before the simulator acts.</summary>
public static class FaultFilter
{
    public static RouteGroupBuilder WithFaults(this RouteGroupBuilder group, string system)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var faults = context.HttpContext.RequestServices.GetRequiredService<FaultInjector>();
            var plan = faults.For(system);
            var aborted = context.HttpContext.RequestAborted;
            if (plan.Latency > TimeSpan.Zero) await Task.Delay(plan.Latency, aborted);
            if (faults.Draw(system, plan.Timeouts))
            {
                await Task.Delay(plan.TimeoutDelay, aborted);
                return Results.Problem($"{system} sandbox: injected timeout", statusCode: StatusCodes.Status504GatewayTimeout);
            }
            if (faults.Draw(system, plan.ServerErrors))
                return Results.Problem($"{system} sandbox: injected server error", statusCode: StatusCodes.Status503ServiceUnavailable);
            return await next(context);
        });
        return group;
    }
}
