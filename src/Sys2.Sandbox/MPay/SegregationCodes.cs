using System.Globalization;
using Sys2.Workflows.Tenants;

namespace Sys2.Sandbox.MPay;

/// <summary>
/// The codice di segregazione of aux-digit-3 IUVs (pagoPA, Specifiche attuative del nodo dei pagamenti, the notice
/// number's "3" + segregation code + IUV base + check digits): two digits an ente creditore gives to each system
/// that makes IUVs on its behalf, so that two generators never make the same IUV for it. It belongs to the
/// intermediary (here MPay, Marche's pagoPA intermediary), not to the entity: an IUV is unique together with the
/// entity's codice fiscale, so every entity can give MPay the same code, and an entity with two intermediaries gives
/// each its own. Codes run from <see cref="Lowest"/> to <see cref="Highest"/>; the others are kept for pagoPA's own
/// services. [check] the range against the SANP edition in force.
/// </summary>
public sealed class SegregationCodes
{
    public const int Lowest = 0;
    public const int Highest = 45;

    /// <summary>The code the aggregation's entities give MPay unless one says otherwise.</summary>
    public const string MPay = "01";

    private readonly Dictionary<string, string> _byTenant;

    /// <param name="intermediary">The code the entities gave this intermediary.</param>
    /// <param name="byEntity">Entities that gave it another code (e.g. because their own back office already uses it).</param>
    /// <exception cref="ArgumentException">A code that is not two digits from 00 to 45.</exception>
    public SegregationCodes(EntityCatalogue catalogue, string intermediary = MPay, IReadOnlyDictionary<string, string>? byEntity = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Check(intermediary);
        foreach (var code in byEntity?.Values ?? []) Check(code);
        _byTenant = catalogue.All.ToDictionary(
            e => e.TenantId,
            e => byEntity?.FirstOrDefault(o => string.Equals(o.Key, e.TenantId, StringComparison.OrdinalIgnoreCase)).Value ?? intermediary,
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The code <paramref name="tenant"/> gave this intermediary, or null for an entity outside the aggregation.</summary>
    public string? For(string tenant) => _byTenant.GetValueOrDefault(tenant);

    public IReadOnlyDictionary<string, string> All => _byTenant;

    private static void Check(string code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiDigit)
            || int.Parse(code, CultureInfo.InvariantCulture) is < Lowest or > Highest)
            throw new ArgumentException($"a segregation code is two digits from {Lowest:D2} to {Highest:D2}, got '{code}'", nameof(code));
    }
}
