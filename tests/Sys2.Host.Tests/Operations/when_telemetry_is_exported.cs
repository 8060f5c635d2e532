using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sys2.Host.Operations;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Operations;

public sealed class when_telemetry_is_exported
{
    [Fact]
    public async Task nothing_is_collected_unless_an_endpoint_is_configured()
    {
        await using var host = await CaseHost.StartAsync(nameof(nothing_is_collected_unless_an_endpoint_is_configured));

        host.Services.GetService<TracerProvider>().ShouldBeNull();
        host.Services.GetService<MeterProvider>().ShouldBeNull();
    }

    [Fact]
    public async Task with_an_endpoint_the_host_traces_and_meters_and_works_as_before()
    {
        // Nothing listens there: an exporter that cannot deliver must not get in the engine's way.
        await using var host = await CaseHost.StartAsync(nameof(with_an_endpoint_the_host_traces_and_meters_and_works_as_before), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.EndpointKey] = "http://127.0.0.1:9" }));

        host.Services.GetService<TracerProvider>().ShouldNotBeNull();
        host.Services.GetService<MeterProvider>().ShouldNotBeNull();
        var caseId = await host.FileAsync();
        await host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check assigned");
    }
}
