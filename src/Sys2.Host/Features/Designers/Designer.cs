using Sys2.Host.Access;

namespace Sys2.Host.Features.Designers;

/// <summary>
/// Who may change the shared catalogue of definitions: a person with <see cref="Permission.DesignDefinitions"/> in
/// any entity, since a definition is shared by all 64 (a designer of San Benedetto designs for the aggregation).
/// </summary>
public static class Designer
{
    public static Access.Access Of(Caller caller) =>
        caller.TenantsFor(Permission.DesignDefinitions) is [var tenant, ..]
            ? caller.ActingIn(tenant, Permission.DesignDefinitions)
            : Access.Access.Forbidden("your roles do not allow designing definitions");
}
