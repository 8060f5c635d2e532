namespace Sys2.Workflows.Definitions;

/// <summary>A sandboxed JavaScript expression as written in the definition, with where it was written.</summary>
public sealed record Expression(string Text, SourceSpan Where)
{
    /// <summary>
    /// Where the first character of <see cref="Text"/> stands (after an opening quote), when the
    /// expression is written on one line; problems inside it can then point at their column.
    /// </summary>
    public SourceSpan? TextStart { get; init; }

    public override string ToString() => Text;
}

/// <summary>One entry of a <c>with:</c> or <c>out:</c> mapping: <c>target: expression</c>.</summary>
public sealed record Mapping(string Target, Expression Source, SourceSpan Where);

/// <summary>A reference to a step by name (<c>next: review</c>), kept with its position for error messages.</summary>
public sealed record StepRef(string Name, SourceSpan Where)
{
    public override string ToString() => Name;
}

/// <summary>An edge of the step graph: where a step can go, and the label of that way (outcome, condition, timeout).</summary>
public sealed record StepLink(string Label, StepRef Target, StepLinkKind Kind = StepLinkKind.Normal);

public enum StepLinkKind { Normal, Failure, Timeout, Branch }
