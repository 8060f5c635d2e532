namespace Sys2.Workflows.Definitions;

/// <summary>Where something stands in a definition file; lines and columns start at 1.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan None(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>One thing wrong with a definition, printed as <c>file:line:column: message</c>.</summary>
public sealed record DefinitionProblem(SourceSpan Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}
