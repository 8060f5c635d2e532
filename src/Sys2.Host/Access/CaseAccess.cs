using Sys2.Workflows.Runtime;

namespace Sys2.Host.Access;

/// <summary>
/// What a case number says about who may touch the case: <c>SUAP-H769-2026-0000123</c> belongs to
/// entity H769 and, for a clerk, to the SUAP office. The number is the case's stream key, so this
/// needs no read; a case of another entity is refused before the database is asked.
/// </summary>
public static class CaseAccess
{
    public static string? TenantOf(string caseId) =>
        caseId.Split('-') is [_, var tenant, _, _] && tenant.Length is > 0 and <= 8 ? tenant.ToUpperInvariant() : null;

    /// <summary>The office a clerk must hold to act on a case of this kind outside a task (a task names its own office).</summary>
    public static string[] OfficesOf(string caseId) => caseId.Split('-')[0] switch
    {
        "SUAP" => ["SUAP"],
        "SUE" => ["SUE"],
        "FATT" => ["Ragioneria"],
        _ => [],
    };

    /// <summary>May the caller act on this case with this permission? Unknown number or entity: 404; wrong role or office: 403.</summary>
    public static Access On(this Caller caller, string caseId, Permission permission, IReadOnlyCollection<string>? offices = null) =>
        TenantOf(caseId) is { } tenant
            ? caller.ActingIn(tenant, permission, permission == Permission.WorkCases ? offices ?? OfficesOf(caseId) : null)
            : Access.Hidden(caseId);

    /// <summary>The entity a list or an opening is for: the one asked for, else the caller's only one.</summary>
    public static Access In(this Caller caller, string? entity, Permission permission)
    {
        if (entity is { Length: > 0 }) return caller.ActingIn(entity.Trim().ToUpperInvariant(), permission);
        var tenants = caller.TenantsFor(permission);
        return tenants.Count == 1
            ? caller.ActingIn(tenants[0], permission)
            : Access.Forbidden(tenants.Count == 0
                ? "you hold no role that allows this in any entity"
                : $"you act for several entities ({string.Join(", ", tenants)}): say which with ?entity=");
    }
}
