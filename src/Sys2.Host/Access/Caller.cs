using System.Security.Claims;
using Microsoft.Extensions.Options;
using Sys2.Host.SignIn;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Access;

/// <summary>
/// Who is calling, as a verified token says (never a header the client chose): the subject, the
/// name to show in the audit trail, and the roles held in each entity. Endpoints take it as a
/// parameter and ask <see cref="ActingIn"/> for the one thing they need.
/// </summary>
public sealed record Caller(string Subject, string Name, IReadOnlyList<Membership> Memberships)
{
    /// <summary>Minimal APIs bind a <c>Caller</c> parameter from the authenticated user of the request.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(From(context.User, context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.Claims));

    public static Caller? From(ClaimsPrincipal user, ClaimNames names)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(names.Subject)?.Value is not { Length: > 0 } subject) return null;
        var memberships = new List<Membership>();
        foreach (var claim in user.FindAll(names.Membership))
            if (Membership.Parse(claim.Value) is { } m) memberships.Add(m);
        // An entity's own provider: one tenant, its roles, an office.
        var office = user.FindFirst(names.Office)?.Value ?? "";
        foreach (var tenant in user.FindAll(names.Tenant).Select(c => c.Value.Trim().ToUpperInvariant()).Where(t => t.Length > 0))
        foreach (var role in user.FindAll(names.Roles).Select(c => c.Value.Trim().ToLowerInvariant()).Where(r => r.Length > 0))
            memberships.Add(new Membership(tenant, role, office));
        var name = user.FindFirst(names.Name)?.Value is { Length: > 0 } n ? n : subject;
        return new Caller(subject, name, memberships.Distinct().ToList());
    }

    /// <summary>The entities the caller may exercise a permission in (for lists without an <c>entity</c> chosen).</summary>
    public IReadOnlyList<string> TenantsFor(Permission permission) =>
        Memberships.Where(m => m.Tenant != Membership.AnyEntity && AccessRoles.Allows(m.Role, permission)).Select(m => m.Tenant).Distinct().ToList();

    /// <summary>
    /// Whether the caller may exercise <paramref name="permission"/> in <paramref name="tenant"/> (and,
    /// for a role bound to its office, in one of <paramref name="offices"/>), and as whom the audit
    /// trail records it. A caller with no role at all in the entity learns nothing: 404 (a case of
    /// another entity does not exist for her); a role that may not do it: 403.
    /// </summary>
    public Access ActingIn(string tenant, Permission permission, IReadOnlyCollection<string>? offices = null)
    {
        var here = Memberships.Where(m => m.Covers(tenant)).ToList();
        if (here.Count == 0) return Access.Hidden(tenant);
        var allowed = here.Where(m => AccessRoles.Allows(m.Role, permission)).ToList();
        var fitting = allowed.FirstOrDefault(m => !AccessRoles.BoundToOffice(m.Role) || offices is null
            || offices.Contains(m.Office, StringComparer.OrdinalIgnoreCase));
        if (fitting is null)
            return Access.Forbidden(allowed.Count > 0
                ? $"you act for {string.Join(", ", allowed.Select(m => m.Office).Distinct())} in {tenant}; this needs {string.Join(" or ", offices ?? [])}"
                : $"your roles in {tenant} ({string.Join(", ", here.Select(m => m.Role).Distinct())}) do not allow {Describe(permission)}");
        return Access.Granted(tenant.ToUpperInvariant(), new Actor(Subject, fitting.Role, fitting.Office) { Name = Name });
    }

    private static string Describe(Permission permission) => permission switch
    {
        Permission.ReadCases => "reading cases",
        Permission.WorkCases => "working on cases",
        Permission.MigrateCases => "migrating cases",
        Permission.DesignDefinitions => "designing definitions",
        Permission.AuditCases => "auditing cases",
        Permission.HandleIncidents => "handling incidents",
        Permission.UseSandbox => "using the sandbox",
        Permission.AssignTasks => "assigning tasks",
        _ => permission.ToString(),
    };
}

/// <summary>The answer to "may the caller do this here?": the actor to record, or the refusal to send.</summary>
public sealed record Access(string Tenant, Actor? Actor, IResult? Refusal)
{
    public bool Allowed => Actor is not null;

    public static Access Granted(string tenant, Actor actor) => new(tenant, actor, null);

    public static Access Hidden(string tenant) =>
        new(tenant, null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{tenant}: nothing by this name is visible to you"));

    public static Access Forbidden(string why) =>
        new("", null, Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: why));
}
