using Marten;
using Sys2.Host.SignIn.Embedded;

namespace Sys2.Host.Access;

/// <summary>A person a task can be given to: the user (the token's subject) and the name shown.</summary>
public sealed record StaffMember(string User, string Name);

/// <summary>
/// The clerks of an office of an entity, whom a manager may give a task to. The engine records only a user
/// name; who belongs to which office is known to the sign-in, here the embedded provider's accounts. With an
/// entity's own identity provider the host does not know its people, and there is nobody to choose from
/// until the directory is read from that provider (not done yet).
/// </summary>
public static class OfficeStaff
{
    public static async Task<IReadOnlyList<StaffMember>> ClerksAsync(IDocumentStore store, string tenant, IReadOnlyCollection<string> offices, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        // Accounts are a few hundred for the whole aggregation: read them and match the memberships here,
        // which are strings the provider parses (tenant/role/office), not columns.
        var accounts = await session.Query<LocalAccount>().Where(a => !a.Disabled).ToListAsync(ct);
        return [.. accounts
            .Where(a => a.Parsed().Any(m => m.Tenant.Equals(tenant, StringComparison.OrdinalIgnoreCase) && m.Role == AccessRoles.Clerk
                && offices.Contains(m.Office, StringComparer.OrdinalIgnoreCase)))
            .Select(a => new StaffMember(a.Id, a.DisplayName))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }
}
