using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Features.Designers;

/// <summary>A designer's change refused, as a 422 problem with every reason at its file and line.</summary>
public static class DesignAnswers
{
    public static IResult Refused(string title, string detail, PublicationCheck check) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["problems"] = check.Refusals() });
}
