namespace Sys2.Host.Cases;

/// <summary>
/// The names of the headers every case event carries: written by <see cref="CaseService"/>,
/// covered by the audit chain (<see cref="AuditChain"/>), read back by the history and the
/// verifier. Stored events keep these names for decades: add, never rename.
/// </summary>
public static class EventHeaders
{
    public const string Tenant = "tenant";
    public const string User = "user";
    public const string Role = "role";
    public const string Office = "office";

    /// <summary>The display name of the authenticated subject in <see cref="User"/>; on events since sign-in came (absent before).</summary>
    public const string UserName = "user-name";
    public const string Correlation = "correlation";
    public const string Causation = "causation";

    /// <summary>When the engine decided the event, on its clock (<see cref="DecidedAt"/>).</summary>
    public const string At = "at";

    /// <summary>The definition version and content hash the event was decided with: <c>id@version#hash</c>.</summary>
    public const string Definition = "definition";

    /// <summary>The event's link in the audit chain.</summary>
    public const string Hash = "hash";

    /// <summary>The headers the audit chain covers besides the event itself, in the order they are hashed.</summary>
    public static readonly string[] Covered = [Tenant, User, Role, Office, Correlation, Causation, At, Definition];

    /// <summary>Headers added later: covered when an event carries them, so the hashes of older events stay what they were.</summary>
    public static readonly string[] CoveredWhenPresent = [UserName];
}
