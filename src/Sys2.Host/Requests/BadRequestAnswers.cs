using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Sys2.Host.Requests;

/// <summary>
/// A request the framework could not read (a body too large, a field of the wrong JSON type, a
/// query parameter that is not a number) answered as an RFC 9457 problem naming what was wrong,
/// instead of an empty 400 or a 500. Not an error of the host: logged at Debug only.
/// </summary>
public sealed class BadRequestAnswers(ILogger<BadRequestAnswers> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;
        log.LogDebug("{Method} {Path}: bad request ({Reason})", context.Request.Method, context.Request.Path, bad.Message);
        var result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? Results.Problem(
                $"the request body is larger than this endpoint accepts ({context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes at most)",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large")
            : FindJson(bad) is { } json
                ? Results.ValidationProblem(
                    new Dictionary<string, string[]> { [FieldPath(json.Path)] = [$"not a value of the expected type: {FirstSentence(json.Message)}"] },
                    detail: "a field of the request body has the wrong type", title: "Invalid request body")
                : Results.Problem(bad.Message, statusCode: bad.StatusCode, title: "Bad request");
        await result.ExecuteAsync(context);
        return true;
    }

    private static JsonException? FindJson(Exception e) => e as JsonException ?? (e.InnerException is { } inner ? FindJson(inner) : null);

    /// <summary><c>$.inputs.applicant</c> as the field path every other answer uses: <c>inputs.applicant</c>.</summary>
    public static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    /// <summary>System.Text.Json's message without its "Path: … LineNumber: …" tail.</summary>
    private static string FirstSentence(string? message) =>
        (message ?? "").Split(" Path:", 2)[0].Trim();
}
