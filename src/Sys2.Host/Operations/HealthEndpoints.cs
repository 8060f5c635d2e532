using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sys2.Host.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (restart it if not); it does from the moment the server
/// listens, before the slow half of the start (<see cref="StartupGate"/>). <c>/health/ready</c>: it can do
/// its work: started (tables, definitions, schema, Wolverine, seeders), PostgreSQL reachable, the Marten
/// schema applied, Wolverine's durability agent running (send it traffic if so). Both answer JSON naming each check.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live", ReadyPath = "/health/ready";
    private const string Ready = "ready";
    public const string StartupCheckName = "start-up";

    public static void AddHealth(this IServiceCollection services, string connectionString)
    {
        // One instance, so that the schema, once found applied, is not compared again.
        services.AddSingleton<MartenSchemaCheck>();
        services.AddHealthChecks()
            .AddCheck<StartupCheck>(StartupCheckName, tags: [Ready])
            .AddNpgSql(connectionString, name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<MartenSchemaCheck>("marten-schema", tags: [Ready])
            .AddCheck<WolverineAgentsCheck>("wolverine-agents", tags: [Ready]);
    }

    /// <summary>
    /// Liveness as middleware ahead of routing: the process serves HTTP, nothing more to check. The first routed request
    /// builds the delegates of every endpoint (≈ 0.5 s in a ReadyToRun start); a liveness probe need not wait for that.
    /// </summary>
    public static void UseLiveness(this IApplicationBuilder app) =>
        app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // While the host starts no check runs, and the answer is written here: a probe every few milliseconds would
        // otherwise open a database connection each time and take CPU from the start it is waiting for, and the
        // health-check service logs every unhealthy check at Error level: a Kubernetes probe would fill the log with
        // "failures" during each normal start. Once started, the start-up check reports how the start ended.
        var gate = app.ServiceProvider.GetRequiredService<StartupGate>();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => gate.IsReady && check.Tags.Contains(Ready),
            ResponseWriter = (context, report) => report.Entries.Count == 0 ? WriteStartingAsync(context, gate) : WriteAsync(context, report),
        });
    }

    /// <summary>Not ready while starting: 503 with <c>Retry-After</c>, as the API answers meanwhile, and the stage the start is at.</summary>
    private static Task WriteStartingAsync(HttpContext context, StartupGate gate)
    {
        FailureAnswers.SetUnavailable(context.Response);
        var stage = gate.Ready.IsFaulted ? $"could not start ({gate.Stage})" : $"starting: {gate.Stage}";
        var unhealthy = nameof(HealthStatus.Unhealthy);
        return WriteJsonAsync(context, new { status = unhealthy, duration = 0.0, checks = new[] { new { name = StartupCheckName, status = unhealthy, description = stage, duration = 0.0 } } });
    }

    // Descriptions only: an exception's stack trace or SQL has no place in an answer anyone can fetch.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        return WriteJsonAsync(context, new
        {
            status = report.Status.ToString(),
            duration = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                duration = e.Value.Duration.TotalMilliseconds,
            }),
        });
    }

    private static Task WriteJsonAsync(HttpContext context, object answer)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, JsonSerializerOptions.Web));
    }
}
