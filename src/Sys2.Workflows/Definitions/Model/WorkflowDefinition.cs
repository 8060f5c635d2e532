namespace Sys2.Workflows.Definitions;

/// <summary>
/// One procedure as a process designer wrote it: header, data, legal clocks and named steps.
/// Immutable; a published version is identified by <see cref="Id"/>, a version number and
/// <see cref="ContentHash"/>.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    string Title,
    CaseKind Kind,
    string LegalBasis,
    string? Procedure,
    string? Description,
    IReadOnlyDictionary<string, FieldSpec> Inputs,
    IReadOnlyDictionary<string, FieldSpec> Variables,
    IReadOnlyDictionary<string, ClockSpec> Clocks,
    StepRef Start,
    IReadOnlyDictionary<string, Step> Steps,
    string SourceFile,
    string CanonicalJson,
    string ContentHash)
{
    /// <summary>Where the <c>id</c> value stands (duplicate ids across files are reported there).</summary>
    public SourceSpan IdWhere { get; init; }

    public Step Step(string name) =>
        Steps.TryGetValue(name, out var step)
            ? step
            : throw new KeyNotFoundException($"definition {Id} has no step '{name}'");
}
