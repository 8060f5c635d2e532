using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sys2.Host.Integrations;

/// <summary>
/// Says on <c>/health/ready</c> which regional systems the host talks to. The sandbox outside
/// Development is Degraded (still 200, the host works): whoever watches the probe sees that
/// nothing reaches the real systems.
/// </summary>
public sealed class IntegrationsModeCheck(string mode, string environment) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(mode == "sandbox" && environment != Environments.Development
            ? HealthCheckResult.Degraded($"SANDBOX in {environment}: the regional systems are simulated; nothing reaches MPay, DigiP, the protocol register or PEC")
            : HealthCheckResult.Healthy($"regional systems: {mode}"));
}
