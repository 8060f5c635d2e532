using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tenants;

namespace Sys2.Host.Features;

/// <summary>
/// Who is calling, from headers set by the front door (the demo UI sets them; a real
/// deployment puts an identity provider in front that does). The tenant scopes every query.
/// </summary>
public sealed record RequestActor(string Tenant, Actor Actor)
{
    public const string TenantHeader = "X-Sys2-Tenant", UserHeader = "X-Sys2-User", RoleHeader = "X-Sys2-Role", OfficeHeader = "X-Sys2-Office";

    private static readonly HashSet<string> Tenants = EntityCatalogue.Load().All.Select(e => e.TenantId).ToHashSet();

    public static RequestActor? From(HttpRequest request)
    {
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        var tenant = Header(TenantHeader);
        var user = Header(UserHeader);
        if (tenant is null || user is null || !Tenants.Contains(tenant)) return null;
        return new RequestActor(tenant, new Actor(user, Header(RoleHeader) ?? "clerk", Header(OfficeHeader) ?? ""));
    }
}
