using System.Globalization;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.MPay;

/// <summary>
/// The 2-digit segregation code (codice di segregazione) of each entity's IUVs. pagoPA assigns
/// the real ones; the sandbox numbers the catalogue in file order, 01 to 64, so a code never
/// changes as long as new entities are appended to <c>enti.csv</c>.
/// </summary>
public sealed class SegregationCodes
{
    private readonly Dictionary<string, string> _byTenant;

    public SegregationCodes(EntityCatalogue catalogue)
    {
        if (catalogue.All.Count > 99)
            throw new InvalidOperationException("two digits hold at most 99 segregation codes");
        _byTenant = catalogue.All
            .Select((entity, i) => (entity.TenantId, Code: (i + 1).ToString("D2", CultureInfo.InvariantCulture)))
            .ToDictionary(e => e.TenantId, e => e.Code, StringComparer.OrdinalIgnoreCase);
    }

    public string? For(string tenant) => _byTenant.GetValueOrDefault(tenant);

    public IReadOnlyDictionary<string, string> All => _byTenant;
}
