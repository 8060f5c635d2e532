namespace Sys2.Host.Access;

/// <summary>
/// One role a person holds in one entity: <c>H769 clerk SUAP</c>, <c>D542 manager</c>. A person of
/// an Unione holds memberships in several comuni. The lead partner's <c>pmo</c> holds <see cref="AnyEntity"/>.
/// </summary>
public sealed record Membership(string Tenant, string Role, string Office = "")
{
    /// <summary>The tenant of a membership that spans every entity (the lead partner's PMO).</summary>
    public const string AnyEntity = "*";

    public bool Covers(string tenant) => Tenant == AnyEntity || string.Equals(Tenant, tenant, StringComparison.OrdinalIgnoreCase);

    /// <summary>The form a membership travels in a token claim: <c>H769/clerk/SUAP</c>, <c>*/pmo</c>.</summary>
    public override string ToString() => Office.Length == 0 ? $"{Tenant}/{Role}" : $"{Tenant}/{Role}/{Office}";

    public static Membership? Parse(string value)
    {
        var parts = value.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0) return null;
        return new Membership(parts[0].ToUpperInvariant() is var t && t == AnyEntity ? AnyEntity : t, parts[1].ToLowerInvariant(), parts.Length == 3 ? parts[2] : "");
    }
}
