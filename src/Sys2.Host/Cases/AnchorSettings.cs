namespace Sys2.Host.Cases;

/// <summary>
/// Where the chain anchors are kept, outside the database: the HMAC key that signs them
/// (<c>Sys2:Audit:AnchorKeyFile</c>) and the folder of the daily anchors (<c>Sys2:Audit:AnchorFolder</c>).
/// By default both under <c>.sys2/audit/</c> of the checkout; an installation points them at storage
/// the database's administrators cannot write (another volume, another machine's share).
/// </summary>
public sealed record AnchorSettings(string KeyFile, string Folder)
{
    public const string KeyFileKey = "Sys2:Audit:AnchorKeyFile";
    public const string FolderKey = "Sys2:Audit:AnchorFolder";

    /// <summary>How often the host looks for a finished day still without its anchor (<c>Sys2:Audit:AnchorPolling</c>).</summary>
    public const string PollingKey = "Sys2:Audit:AnchorPolling";

    public static AnchorSettings From(IConfiguration configuration)
    {
        var audit = Path.Combine(RepositoryRoot.TryFind() ?? Directory.GetCurrentDirectory(), ".sys2", "audit");
        return new AnchorSettings(
            Path.GetFullPath(configuration[KeyFileKey] ?? Path.Combine(audit, "anchor.key")),
            Path.GetFullPath(configuration[FolderKey] ?? Path.Combine(audit, "anchors")));
    }
}
