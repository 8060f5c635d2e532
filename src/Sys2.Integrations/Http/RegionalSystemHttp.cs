using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.Http;

/// <summary>
/// Sends one request to a regional system and turns every way it can go wrong into an
/// <see cref="IntegrationException"/>: unreachable, slow, an open circuit, 5xx, 408 and 429 are
/// transient (worth another attempt of the step); other 4xx and malformed answers are not. The
/// adapters never let an HttpRequestException or a JsonException escape.
/// </summary>
internal static class RegionalSystemHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Answers larger than this are refused rather than parsed: no legitimate answer comes close.</summary>
    public const int MaxAnswerBytes = 1 << 20;

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
        var what = $"{request.Method} {request.RequestUri}";
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new IntegrationException(system, $"timed out: {what} had no answer within {e.Timeout.TotalMilliseconds:0} ms", transient: true, e);
        }
        catch (BrokenCircuitException e)
        {
            throw new IntegrationException(system, "circuit open: the system failed repeatedly and is given time to recover", transient: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new IntegrationException(system, $"unreachable: {what}: {e.Message}", transient: true, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new IntegrationException(system, $"timed out: {what}", transient: true, e);
        }
    }

    /// <summary>Fails unless the status is a success; the message carries the system's own explanation.</summary>
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        var retried = transient ? " (after retries)" : string.Empty;
        var explanation = await ExplanationAsync(response, ct);
        throw new IntegrationException(
            system,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status} {response.ReasonPhrase}{retried}{(explanation is null ? string.Empty : ": " + explanation)}",
            transient);
    }

    /// <summary>The answer's body as the wire record <typeparamref name="T"/>, or a non-transient failure naming what is wrong.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, string system, CancellationToken ct) =>
        WireBody.Answer(system).Read<T>(await ReadObjectAsync(response, system, ct));

    /// <summary>The answer's body as a JSON object, or a non-transient failure saying why it is not one.</summary>
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (body.Length > MaxAnswerBytes)
            throw new IntegrationException(system, $"malformed answer: {body.Length} bytes, more than the {MaxAnswerBytes} allowed", transient: false);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new IntegrationException(system, $"malformed answer: the body is not JSON ({e.Message})", transient: false, e);
        }

        return node as JsonObject
            ?? throw new IntegrationException(system, $"malformed answer: expected a JSON object, got {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}", transient: false);
    }

    /// <summary>The <c>detail</c> (or <c>title</c>) of a problem+json answer, if there is one.</summary>
    public static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = await ProblemAsync(response, ct);
        return Text(problem?["detail"]) ?? Text(problem?["title"]);
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

    // A proxy or a crashed system answers an HTML page or plain text, not problem details: its
    // first words still tell the operator more than the status alone.
    private static async Task<string?> ExplanationAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (await ProblemDetailAsync(response, ct) is { } detail) return detail;
        var text = (await response.Content.ReadAsStringAsync(ct)).Trim();
        return text.Length == 0 ? null : text.Length > 300 ? text[..300] + "…" : text;
    }

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
