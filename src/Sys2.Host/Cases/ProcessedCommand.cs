namespace Sys2.Host.Cases;

/// <summary>
/// A command that was applied, kept by its id in the same transaction as its events: the
/// same command sent twice (a retry, a double click) is recognised and appends nothing.
/// </summary>
public sealed class ProcessedCommand
{
    public Guid Id { get; set; }
    public string CaseId { get; set; } = "";
    public long Version { get; set; }
    public List<string> Events { get; set; } = [];
}
