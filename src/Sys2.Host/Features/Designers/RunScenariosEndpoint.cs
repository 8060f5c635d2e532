using Sys2.Host.Access;
using Sys2.Workflows.Definitions.Versions;

namespace Sys2.Host.Features.Designers;

public sealed record RunScenarios(string Yaml, string Scenarios);

/// <summary>
/// A draft's scenarios run on the draft's text, nothing saved: the validator's problems first (a definition that does
/// not validate is not run), then each failing expectation at its line of the scenario text.
/// </summary>
public static class RunScenariosEndpoint
{
    public static void MapRunScenarios(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/scenarios/run", (RunScenarios request, Caller caller) =>
        {
            if (Designer.Of(caller) is { Allowed: false } refused) return refused.Refusal!;
            var check = PublicationCheck.Of(request.Yaml ?? "", request.Scenarios ?? "");
            return Results.Ok(new
            {
                valid = check.Valid,
                passed = check.Publishable,
                scenarios = check.Scenarios.Scenarios,
                failed = check.Scenarios.Failed,
                problems = check.Refusals(),
            });
        });
}
