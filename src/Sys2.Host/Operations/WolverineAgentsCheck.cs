using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Sys2.Host.Operations;

/// <summary>
/// Wolverine's durability agent runs: it delivers the outbox, fires the scheduled timers and
/// recovers what a crashed node left. One node of the cluster runs it for the database: when this
/// node does, the agent's own health (its last polls of the database) is the answer; otherwise
/// another live node must hold it.
/// </summary>
public sealed class WolverineAgentsCheck(IWolverineRuntime runtime, StartupGate gate) : IHealthCheck
{
    // Wolverine's URI scheme for durability agents (PersistenceConstants.AgentScheme).
    private const string DurabilityScheme = "wolverinedb";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // Before the start has run Wolverine's, its agents are not there to ask.
        if (!gate.IsReady) return new HealthCheckResult(context.Registration.FailureStatus, "not started yet");
        var local = runtime.Agents.AllRunningAgentUris().Where(u => u.Scheme == DurabilityScheme).ToList();
        foreach (var uri in local)
        {
            if (!runtime.Agents.TryFindActiveAgent<IAgent>(uri, out var agent))
                return new HealthCheckResult(context.Registration.FailureStatus, $"{uri} is assigned here but not running");
            var health = await agent.CheckHealthAsync(context, ct);
            if (health.Status != HealthStatus.Healthy) return new HealthCheckResult(health.Status, health.Description);
        }
        if (local.Count > 0) return HealthCheckResult.Healthy($"running here: {string.Join(", ", local)}");

        var nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(ct);
        var holder = nodes.FirstOrDefault(n => n.ActiveAgents.Any(u => u.Scheme == DurabilityScheme));
        return holder is not null
            ? HealthCheckResult.Healthy($"running on node {holder.AssignedNodeNumber}")
            : new HealthCheckResult(context.Registration.FailureStatus, "no node runs the durability agent yet");
    }
}
