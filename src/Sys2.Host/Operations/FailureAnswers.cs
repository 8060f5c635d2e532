using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Sys2.Host.Operations;

/// <summary>
/// What the API answers when a request fails with an exception, in every environment: an RFC 9457
/// problem, never a stack trace, SQL or the developer exception page. While PostgreSQL is
/// unreachable that is 503 with <c>Retry-After</c> (the host survives an outage and loses nothing,
/// so the client should simply come back); anything else is a 500.
/// </summary>
public sealed class FailureAnswers(IProblemDetailsService problems, ILogger<FailureAnswers> log) : IExceptionHandler
{
    /// <summary>A PostgreSQL restart takes seconds; the readiness probe says when it is back.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (context.Response.HasStarted) return false;
        var unreachable = DatabaseOutage.IsUnreachable(exception);
        // ASP.NET Core logs nothing for an exception a handler took care of: the log line is ours.
        if (unreachable)
            log.LogWarning("{Method} {Path}: the database is unreachable ({Reason})", context.Request.Method, context.Request.Path, exception.Message);
        else
            log.LogError(exception, "{Method} {Path} failed (trace {TraceId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);

        context.Response.Clear();
        if (unreachable)
            return await problems.TryWriteAsync(Unavailable(context, "The database is unreachable", "Sys2 cannot reach its database right now; nothing was lost."));

        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Unexpected error",
            Detail = "The request failed; the error is in the host's log under this trace id.",
        };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        // The exception stays out of the context: a writer that showed it would leak SQL and paths.
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>
    /// 503 with <c>Retry-After</c>: "not now, nothing lost", whether the database is down or the host is
    /// still starting. The readiness probe says when to come back.
    /// </summary>
    public static void SetUnavailable(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sets <see cref="SetUnavailable"/> and gives the problem to write, saying <paramref name="why"/> and when to try again.</summary>
    public static ProblemDetailsContext Unavailable(HttpContext context, string title, string why)
    {
        SetUnavailable(context.Response);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = title,
            Detail = $"{why} Try again in {RetryAfterSeconds} seconds.",
        };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem };
    }
}

public static class FailureAnswersSetup
{
    public static void AddFailureAnswers(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<FailureAnswers>();
    }

    /// <summary>
    /// Before every endpoint. It sits inside the developer exception page that ASP.NET Core puts
    /// first in Development, and handles every exception, so that page never shows.
    /// </summary>
    public static void UseFailureAnswers(this WebApplication app) => app.UseExceptionHandler();
}
