using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Sys2.Workflows.Integrations.Http;

/// <summary>
/// Sends one request to a regional system and turns every way it can go wrong into an
/// <see cref="IntegrationException"/>: the adapters never let an HttpRequestException or a
/// JsonException escape.
/// </summary>
internal static class RegionalSystemHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// Sends <paramref name="request"/> with its idempotency key. The resilience pipeline has
    /// already retried by the time an exception reaches here, so what is left is reported.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient http, string system, HttpRequestMessage request, string idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            throw new ArgumentException("every call to a regional system carries an idempotency key", nameof(idempotencyKey));
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new IntegrationException(system, $"timed out: no answer to {request.Method} {request.RequestUri} within {e.Timeout}", transient: true, e);
        }
        catch (BrokenCircuitException e)
        {
            throw new IntegrationException(system, "circuit open: the system failed repeatedly and is given time to recover", transient: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new IntegrationException(system, $"unreachable: {request.Method} {request.RequestUri}: {e.Message}", transient: true, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new IntegrationException(system, $"timed out: {request.Method} {request.RequestUri}", transient: true, e);
        }
    }

    /// <summary>Fails unless the status is a success: 5xx, 408 and 429 are transient, other 4xx are not.</summary>
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        var detail = await ProblemDetailAsync(response, ct);
        var retried = transient ? " (after retries)" : string.Empty;
        throw new IntegrationException(
            system,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status} {response.ReasonPhrase}{retried}{(detail is null ? string.Empty : ": " + detail)}",
            transient);
    }

    /// <summary>The answer's body as a JSON object, or a non-transient failure saying why it is not one.</summary>
    public static async Task<JsonFields> ReadObjectAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new IntegrationException(system, $"malformed answer: the body is not JSON ({e.Message})", transient: false, e);
        }

        return node is JsonObject body
            ? JsonFields.Answer(system, body)
            : throw new IntegrationException(system, $"malformed answer: expected a JSON object, got {Describe(node)}", transient: false);
    }

    /// <summary>The <c>detail</c> (or <c>title</c>) of a problem+json answer, if there is one.</summary>
    public static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = await ProblemAsync(response, ct);
        return problem?["detail"]?.GetValueKind() == JsonValueKind.String ? problem["detail"]!.GetValue<string>()
            : problem?["title"]?.GetValueKind() == JsonValueKind.String ? problem["title"]!.GetValue<string>()
            : null;
    }

    /// <summary>The body as a JSON object when it is one (problem details of an error answer); otherwise null.</summary>
    public static async Task<JsonObject?> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
}
