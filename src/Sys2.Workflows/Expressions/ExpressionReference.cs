namespace Sys2.Workflows.Expressions;

/// <summary>
/// An expression reads the root <paramref name="Root"/> and, when it reads a member of it by name, that first
/// member: <c>inputs.applicant.name</c> gives <c>("inputs", "applicant")</c>, <c>vars[key]</c> gives <c>("vars", null)</c>.
/// </summary>
/// <param name="Column">1-based position of the root's identifier in the expression text
/// (the column, for a one-line expression).</param>
public sealed record ExpressionReference(string Root, string? Member, int Column);
