using Marten;
using JasperFx.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sys2.Host.Operations;

/// <summary>
/// OpenTelemetry traces and metrics of ASP.NET Core, HttpClient, Npgsql, Wolverine, Marten, the
/// .NET runtime and the engine, exported over OTLP. Only when an endpoint is configured: with no
/// exporter the SDK would still create a span for every SQL command and message, a cost on every
/// step for data nobody reads.
/// </summary>
public static class Telemetry
{
    /// <summary>Sys2's own switch; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public const string EndpointKey = "Sys2:Telemetry:Otlp:Endpoint";

    /// <summary><c>grpc</c> (the default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public const string ProtocolKey = "Sys2:Telemetry:Otlp:Protocol";

    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "sys2";

    // Npgsql 9 publishes under "Npgsql" (what Npgsql.OpenTelemetry's AddNpgsql subscribes to); that
    // package is served only for Npgsql 10, which Marten 9 does not build on, so we subscribe by name.
    private const string Npgsql = "Npgsql";
    private const string Marten = "Marten";
    private const string Wolverine = "Wolverine";
    // Wolverine names its meter "Wolverine:" + its service name.
    private const string WolverineMeters = "Wolverine:*";

    public static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointKey]) || !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!Enabled(configuration)) return;

        builder.Services.ConfigureMarten(opts =>
        {
            opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            opts.OpenTelemetry.TrackEventCounters();
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(Npgsql, Marten, Wolverine))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Npgsql, Marten, WolverineMeters, EngineMetrics.MeterName));

        if (configuration[EndpointKey] is { Length: > 0 } endpoint)
            telemetry.UseOtlpExporter(Protocol(configuration[ProtocolKey]), new Uri(endpoint));
        else
            telemetry.UseOtlpExporter(); // reads the standard OTEL_EXPORTER_OTLP_* settings
    }

    private static OtlpExportProtocol Protocol(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"{ProtocolKey} is '{name}': use grpc or http/protobuf"),
    };
}
