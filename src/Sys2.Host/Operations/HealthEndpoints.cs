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

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        // While the host starts only the start-up check runs: a probe every few milliseconds would otherwise open a
        // database connection each time and take CPU from the start it is waiting for.
        var gate = app.ServiceProvider.GetRequiredService<StartupGate>();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready) && (gate.IsReady || check.Name == StartupCheckName),
            ResponseWriter = WriteAsync,
        });
    }

    // Descriptions only: an exception's stack trace or SQL has no place in an answer anyone can fetch.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
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
        }, JsonSerializerOptions.Web));
    }
}
