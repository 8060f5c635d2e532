namespace Sys2.Workflows.Tenants;

/// <summary>
/// The entity CSV could not be loaded. <see cref="Problems"/> lists every problem found, each as
/// <c>source:line: field 'x' value 'y': reason</c> (or <c>source:line: reason</c> when no single field is at fault).
/// </summary>
public sealed class EntityCatalogueFormatException : FormatException
{
    public EntityCatalogueFormatException(string sourceName, IReadOnlyList<string> problems)
        : base($"{sourceName}: {problems.Count} problem(s) in the entity catalogue:{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems))
    {
        SourceName = sourceName;
        Problems = problems;
    }

    public string SourceName { get; }

    public IReadOnlyList<string> Problems { get; }
}
