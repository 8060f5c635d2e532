using System.Diagnostics;
using System.Text.Json.Nodes;
using Sys2.Integrations;

namespace Sys2.Host.Operations;

/// <summary>
/// Times every call to a regional system at the port, where the call really happens, and tags it
/// with how it ended in the words the engine uses for it: an answer, a transient or permanent
/// failure, or an unexpected one (an adapter bug).
/// </summary>
public sealed class MeteredActivityPort(IActivityPort inner, EngineMetrics metrics) : IActivityPort
{
    public async Task<JsonObject> InvokeAsync(ActivityCall call, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "unexpected";
        try
        {
            var answer = await inner.InvokeAsync(call, ct);
            outcome = "answered";
            return answer;
        }
        catch (IntegrationException e)
        {
            outcome = e.Transient ? "transient" : "permanent";
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            metrics.IntegrationCalled(call.Activity, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}

public static class MeteredActivityPortSetup
{
    /// <summary>
    /// Wraps whichever <see cref="IActivityPort"/> the host registered, so the engine's handlers
    /// stay as they are. Call after that registration.
    /// </summary>
    public static void DecorateActivityPort(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IActivityPort))
            ?? throw new InvalidOperationException($"register an {nameof(IActivityPort)} before adding the operations");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IActivityPort), sp => new MeteredActivityPort(Inner(sp, registered), sp.GetRequiredService<EngineMetrics>()),
            registered.Lifetime));
    }

    private static IActivityPort Inner(IServiceProvider services, ServiceDescriptor registered) =>
        (IActivityPort)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
