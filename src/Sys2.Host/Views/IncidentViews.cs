using Marten;

namespace Sys2.Host.Views;

/// <summary>An open incident with the entity it belongs to, the case version a retry of it is decided on and the definition the case is pinned to.</summary>
public sealed record IncidentLine(string Tenant, IncidentItem Incident, long Version, string DefinitionId, int DefinitionVersion);

/// <summary>
/// The open incidents of several entities at once, for an operator who keeps the integrations of more than one
/// (an Unione, the aggregation's own operators): one query over the entities she may act for, never any other.
/// </summary>
public static class IncidentViews
{
    /// <param name="tenants">The entities to look in; null: every entity (an operator of the whole aggregation).</param>
    public static async Task<IReadOnlyList<IncidentLine>> OpenAsync(IQuerySession session, IReadOnlyList<string>? tenants, CancellationToken ct = default)
    {
        var query = tenants is null
            ? session.Query<CaseSummary>().Where(c => c.AnyTenant() && c.Status == "open" && c.Incidents.Any())
            : session.Query<CaseSummary>().Where(c => c.TenantIsOneOf(tenants.ToArray()) && c.Status == "open" && c.Incidents.Any());
        var cases = await query.ToListAsync(ct);
        return cases
            .SelectMany(c => c.Incidents.Select(i =>
                new IncidentLine(c.Tenant, new IncidentItem(c.Id, c.Kind, i.Step, i.Activity, i.Attempts, i.Reason, i.RaisedAt), c.Version,
                    c.DefinitionId, c.DefinitionVersion)))
            .OrderBy(l => l.Incident.RaisedAt)
            .ToList();
    }
}
