using Sys2.Host.Access;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Web.Pages.Operatore;

/// <summary>
/// The entities an operator keeps, for the choice at the top of her pages: her own ones, or for an operator of the
/// whole aggregation (<c>*/operator</c>) every entity and the files that reached none (<see cref="Membership.AnyEntity"/>).
/// </summary>
public static class OperatorScope
{
    public static bool KeepsEveryEntity(Caller caller) =>
        caller.Memberships.Any(m => m.Tenant == Membership.AnyEntity && AccessRoles.Allows(m.Role, Permission.HandleIncidents));

    public static IReadOnlyList<string> Entities(Caller caller) =>
        KeepsEveryEntity(caller) ? [.. EntityCatalogue.Load().All.Select(e => e.TenantId)] : caller.TenantsFor(Permission.HandleIncidents);

    public static string Label(string tenant) =>
        tenant == Membership.AnyEntity ? "Non arrivati a un ente" : $"{EntityCatalogue.Load().ByTenantId(tenant)?.Name ?? tenant} ({tenant})";
}
