using System.Text.Json.Nodes;

namespace Sys2.Integrations;

/// <summary>
/// Carries out the activities of <c>call</c> steps (<see cref="Sys2.Workflows.Definitions.Activities"/>). The
/// answer is the <c>result</c> a definition's <c>out:</c> mapping reads. A failure is an
/// <see cref="IntegrationException"/>: transient ones are retried by the step's policy, the
/// others raise an incident at once.
/// </summary>
public interface IActivityPort
{
    Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct);
}
