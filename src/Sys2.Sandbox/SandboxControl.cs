using Microsoft.AspNetCore.Builder;

namespace Sys2.Sandbox;

/// <summary>
/// Marks an endpoint a person uses to drive the sandbox (pay an avviso, inject faults, read the
/// mailbox) rather than one the engine's adapters call as they would the real system. The host
/// puts its operators' policy on every marked endpoint. <see cref="PerEntity"/>: what it shows
/// belongs to one entity (named by the route's <c>tenant</c> or the query's <c>entity</c>), so
/// only that entity's operators see it.
/// </summary>
public sealed record SandboxControl(bool PerEntity);

public static class SandboxControlExtensions
{
    public static TBuilder AsSandboxControl<TBuilder>(this TBuilder endpoint, bool perEntity = false) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new SandboxControl(perEntity));
}
