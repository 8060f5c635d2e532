using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Sys2.Workflows.Integrations.Http.Adapters;

/// <summary>
/// Sends one request to a regional system and turns every way it can go wrong into an
/// <see cref="IntegrationException"/>: unreachable, slow, 5xx, 408 and 429 are transient (worth
/// another attempt of the step); 4xx and malformed answers are not.
/// </summary>
public static class AdapterHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Answers larger than this are refused rather than parsed: no legitimate answer comes close.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient http, string system, HttpRequestMessage request, string idempotencyKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        var what = $"{request.Method} {request.RequestUri}";
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new IntegrationException(system, $"{what}: no answer within {e.Timeout.TotalMilliseconds:0} ms", transient: true, e);
        }
        catch (BrokenCircuitException e)
        {
            throw new IntegrationException(system, $"{what}: the circuit is open after repeated failures", transient: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new IntegrationException(system, $"{what}: unreachable ({e.Message})", transient: true, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new IntegrationException(system, $"{what}: timed out", transient: true, e);
        }
    }

    /// <summary>Throws unless the status is a success; the message carries the system's own explanation.</summary>
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        var explanation = await ExplanationAsync(response, ct);
        throw new IntegrationException(
            system,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status} {response.ReasonPhrase}{explanation}",
            transient);
    }

    /// <summary>The answer as a JSON object; anything else is a malformed answer (not transient).</summary>
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response, string system, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (bytes.Length > MaxAnswerBytes)
            throw new IntegrationException(system, $"malformed answer: {bytes.Length} bytes, more than the {MaxAnswerBytes} allowed", transient: false);
        try
        {
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw new IntegrationException(system, "malformed answer: the body is not a JSON object", transient: false);
        }
        catch (JsonException e)
        {
            throw new IntegrationException(system, $"malformed answer: the body is not JSON ({e.Message})", transient: false, e);
        }
    }

    private static async Task<string> ExplanationAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (string.IsNullOrWhiteSpace(text)) return string.Empty;
            if (JsonNode.Parse(text) is JsonObject problem && (problem["detail"] ?? problem["title"]) is JsonValue detail)
                return ": " + detail;
            return ": " + (text.Length > 300 ? text[..300] + "…" : text);
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
