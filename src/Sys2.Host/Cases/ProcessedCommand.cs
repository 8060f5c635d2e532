namespace Sys2.Host.Cases;

/// <summary>
/// A command that was applied, kept by its id in the same transaction as its events: the
/// same command sent twice (a retry, a double click) is recognised and appends nothing.
/// Inserted, never upserted: of two transactions carrying the same id, the second fails on
/// the key and then answers what the first did (<see cref="CaseService"/>).
/// </summary>
public sealed class ProcessedCommand
{
    public Guid Id { get; set; }
    public string CaseId { get; set; } = "";
    public long Version { get; set; }
    public List<string> Events { get; set; } = [];

    /// <summary><see cref="CommandFingerprint"/> of the command: the same id with another body is a reused id.</summary>
    public string BodyHash { get; set; } = "";
}
