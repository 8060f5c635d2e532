namespace Sys2.Host.Operations;

/// <summary>
/// What an operator needs to run Sys2: traces and metrics (exported only when an OTLP endpoint is
/// configured), the engine's own meters, health endpoints, ProblemDetails for every failure (503
/// while PostgreSQL is unreachable or the host is still starting) and log scopes that name the case a line is about.
/// </summary>
public static class OperationsSetup
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder, string connectionString)
    {
        builder.AddTelemetry();
        builder.Services.AddEngineMetrics();
        builder.Services.AddStartupGate();
        builder.Services.AddHealth(connectionString);
        builder.Services.AddFailureAnswers();
        builder.Services.AddCaseLogScopes();
        return builder;
    }

    /// <summary>
    /// Call before mapping the API: the log scope and the exception handler must wrap every
    /// endpoint, the scope outermost so that the handler's own line still names the case.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.UseLiveness();
        // Explicit, so that liveness comes before it; everything below sees the endpoint as before.
        app.UseRouting();
        app.UseCaseLogScopes();
        app.UseFailureAnswers();
        // Inside the exception handler, before every endpoint: 503 until the host has finished starting.
        app.UseStartupGate();
        app.MapHealthEndpoints();
        return app;
    }
}
