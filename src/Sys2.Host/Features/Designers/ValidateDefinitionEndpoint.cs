using Sys2.Host.Access;
using Sys2.Workflows.Definitions.Diagrams;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Features.Designers;

public sealed record ValidateDefinition(string Yaml);

public sealed record DraftProblem(int Line, int Column, string Message);

/// <summary>What the editor shows as one types: every problem at its line and column, and the diagram of what could be built.</summary>
public sealed record DraftValidation(bool Valid, IReadOnlyList<DraftProblem> Problems, string? Diagram);

/// <summary>
/// A definition's text checked without saving anything: the loader's and the validator's problems, each at its line
/// and column, and the Mermaid diagram of the draft. The editor page asks the same <see cref="Check"/> through its
/// own handler (the API takes bearer tokens only, the page has the session cookie).
/// </summary>
public static class ValidateDefinitionEndpoint
{
    public static void MapValidateDefinition(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/validate", (ValidateDefinition request, Caller caller) =>
            Designer.Of(caller) is { Allowed: false } refused ? refused.Refusal! : Results.Ok(Check(request.Yaml ?? "")));

    public static DraftValidation Check(string yaml)
    {
        var check = PublicationCheck.Of(yaml);
        return new DraftValidation(check.Valid,
            [.. check.Problems.Select(p => new DraftProblem(p.Where.Line, p.Where.Column, p.Message))],
            check.Definition is { } definition ? MermaidDiagram.Render(definition) : null);
    }
}
