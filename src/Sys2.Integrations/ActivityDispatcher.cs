using System.Text.Json.Nodes;

namespace Sys2.Integrations;

/// <summary>Routes each call to the handler of its activity; an activity nobody handles is a permanent failure.</summary>
public sealed class ActivityDispatcher : IActivityPort
{
    private readonly Dictionary<string, IActivityHandler> _handlers = new(StringComparer.Ordinal);

    public ActivityDispatcher(IEnumerable<IActivityHandler> handlers)
    {
        foreach (var handler in handlers)
        foreach (var activity in handler.Activities)
            if (!_handlers.TryAdd(activity, handler))
                throw new InvalidOperationException($"two handlers for the activity '{activity}': {_handlers[activity].GetType().Name} and {handler.GetType().Name}");
    }

    public IReadOnlyCollection<string> Activities => _handlers.Keys;

    public Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct) =>
        _handlers.TryGetValue(call.Activity, out var handler)
            ? handler.InvokeAsync(call, ct)
            : throw new IntegrationException(call.Activity, $"no adapter is configured for the activity '{call.Activity}'", transient: false);
}
