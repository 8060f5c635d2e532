namespace Sys2.Workflows.Definitions;

/// <summary>A typed input, case variable or form field.</summary>
public sealed record FieldSpec(string Name, FieldType Type, bool Required, string? Description, SourceSpan Where);

public enum FieldType { String, Number, Boolean, Date, Money, Party, Parcel, Document, Object }
