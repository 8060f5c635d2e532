using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Workflows.Tenants;

/// <summary>
/// One public entity of the SYS² aggregation, and so one tenant: its clerks see only its own cases.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="TenantId"/> is stable and never reused, since events are keyed by it:
/// </para>
/// <list type="bullet">
/// <item>a comune's tenant id is its Belfiore code (codice catastale), upper-case, e.g. <c>H769</c>:
/// national, unique and never reassigned;</item>
/// <item>a union has no Belfiore code, and <c>enti.csv</c> gives the unions no ISTAT code or codice
/// fiscale either, so a union's tenant id is the slug of its name: lower-case ASCII letters and digits
/// (accented Italian vowels lose their accent), every other run of characters becoming one hyphen, e.g. "Unione dei Comuni Piceni" →
/// <c>unione-dei-comuni-piceni</c>. Slugs are lower-case and Belfiore codes upper-case, so the two
/// cannot be confused. Once in use, a union's id must not change: if a union is renamed in the CSV,
/// its tenant id changes with it, so rename only together with a migration of its streams.</item>
/// </list>
/// </remarks>
public sealed record Entity
{
    /// <exception cref="ArgumentException">
    /// The name is blank or yields an empty slug, or a comune has no Belfiore code.
    /// </exception>
    public Entity(
        string name,
        EntityKind kind,
        string? istat,
        string? belfiore,
        string? province,
        string? cap,
        CodiceFiscale? codiceFiscale,
        bool isLead)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Istat = istat;
        Belfiore = string.IsNullOrWhiteSpace(belfiore) ? null : belfiore.Trim().ToUpperInvariant();
        Province = province;
        Cap = cap;
        CodiceFiscale = codiceFiscale;
        IsLead = isLead;
        TenantId = kind switch
        {
            EntityKind.Comune => Belfiore ?? throw new ArgumentException($"The comune '{name}' has no Belfiore code, so no tenant id.", nameof(belfiore)),
            _ => UnionTenantId(name),
        };
    }

    public string Name { get; }

    public EntityKind Kind { get; }

    /// <summary>The 6-digit ISTAT code; null for unions.</summary>
    public string? Istat { get; }

    /// <summary>The Belfiore code (codice catastale), e.g. H769; null for unions.</summary>
    public string? Belfiore { get; }

    /// <summary>The province abbreviation (AP, FM); null for unions.</summary>
    public string? Province { get; }

    /// <summary>The 5-digit postal code; null for unions.</summary>
    public string? Cap { get; }

    /// <summary>The entity's numeric codice fiscale; null where the CSV does not give one (the unions).</summary>
    public CodiceFiscale? CodiceFiscale { get; }

    /// <summary>True for the lead partner (capofila) of the aggregation.</summary>
    public bool IsLead { get; }

    /// <summary>The tenant id: see the remarks on <see cref="Entity"/>.</summary>
    public string TenantId { get; }

    /// <summary>The tenant id of a union: the lower-case ASCII slug of its name.</summary>
    /// <exception cref="ArgumentException">The name has no ASCII letter or digit.</exception>
    public static string UnionTenantId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new System.Text.StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var raw in name)
        {
            var c = WithoutAccent(raw);
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return slug.Length > 0
            ? slug.ToString()
            : throw new ArgumentException($"The name '{name}' has no ASCII letter or digit to make a tenant id from.", nameof(name));
    }

    private static char WithoutAccent(char c) => char.ToLowerInvariant(c) switch
    {
        'à' or 'á' => 'a',
        'è' or 'é' => 'e',
        'ì' or 'í' => 'i',
        'ò' or 'ó' => 'o',
        'ù' or 'ú' => 'u',
        _ => c,
    };
}
