using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sys2.Host.Operations;

/// <summary>
/// The database has every table, function and index Marten's configuration asks for (the host
/// applies them at start-up). Compared once until it matches: a schema does not come undone, and
/// comparing reads the whole catalogue, too much for a probe every few seconds.
/// </summary>
public sealed class MartenSchemaCheck(IDocumentStore store, StartupGate gate) : IHealthCheck
{
    private volatile bool _matched;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (_matched) return HealthCheckResult.Healthy("applied");
        // The start applies it: comparing the whole catalogue meanwhile would only slow the start down.
        if (!gate.IsReady) return new HealthCheckResult(context.Registration.FailureStatus, "not verified: the host is starting");
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
            _matched = true;
            return HealthCheckResult.Healthy("applied");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                DatabaseOutage.IsUnreachable(e) ? "not verified: the database is unreachable" : "the database does not match the Marten configuration");
        }
    }
}
