namespace Sys2.Host.Access;

/// <summary>
/// What each role may do: the product's policies in one table. Every endpoint names the
/// permission it needs (<see cref="Caller.ActingIn"/>); nothing else grants access.
/// </summary>
public enum Permission
{
    /// <summary>Read cases, the inbox, deadlines and case state of the entity.</summary>
    ReadCases,
    /// <summary>Open a case, complete a task, attach a document, file at the counter, run the clocks, withdraw.</summary>
    WorkCases,
    /// <summary>Move a running case to another version of its definition.</summary>
    MigrateCases,
    /// <summary>Read, write and publish definitions.</summary>
    DesignDefinitions,
    /// <summary>Replay a case's history, its state at any moment, verify its chain.</summary>
    AuditCases,
    /// <summary>See incidents and call a regional system again.</summary>
    HandleIncidents,
    /// <summary>Give an open task of an office to a person of that office (an absence, the workload).</summary>
    AssignTasks,
    /// <summary>Drive the sandbox's simulators and read its mailbox (sandbox runs only).</summary>
    UseSandbox,
}

public static class AccessRoles
{
    public const string Clerk = "clerk", Manager = "manager", Designer = "designer", Auditor = "auditor", Operator = "operator", Pmo = "pmo";

    private static readonly Dictionary<string, Permission[]> Grants = new()
    {
        [Clerk] = [Permission.ReadCases, Permission.WorkCases],
        [Manager] = [Permission.ReadCases, Permission.WorkCases, Permission.MigrateCases, Permission.DesignDefinitions, Permission.AuditCases, Permission.AssignTasks],
        [Designer] = [Permission.DesignDefinitions, Permission.MigrateCases],
        // Auditors read and verify, never change.
        [Auditor] = [Permission.ReadCases, Permission.AuditCases],
        [Operator] = [Permission.ReadCases, Permission.HandleIncidents, Permission.UseSandbox],
        // The lead partner follows every entity; it changes nothing in theirs.
        [Pmo] = [Permission.ReadCases, Permission.AuditCases],
    };

    public static IReadOnlyCollection<string> All => Grants.Keys;

    public static bool Allows(string role, Permission permission) =>
        Grants.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>Whether a role's office matters when it changes a case (a clerk acts only in her office).</summary>
    public static bool BoundToOffice(string role) => role == Clerk;
}
