using System.Text.Json.Nodes;

namespace Sys2.Integrations;

/// <summary>
/// The activities one regional system carries out. Each system registers its handler;
/// <see cref="ActivityDispatcher"/> routes each call by activity name.
/// </summary>
public interface IActivityHandler
{
    IReadOnlyCollection<string> Activities { get; }

    Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct);
}
