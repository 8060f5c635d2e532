using System.Text.Json.Nodes;

namespace Sys2.Integrations.Tests.Harness;

/// <summary>
/// Sits inside an adapter's resilience pipeline, so it sees every attempt over the socket; it
/// may rewrite an answer to play a system that returns malformed data.
/// </summary>
public sealed class AttemptCounter(Action<int>? afterAttempt = null, Action<JsonObject>? tamper = null, string? replaceBody = null) : DelegatingHandler
{
    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>The body of the last request, as sent.</summary>
    public byte[]? LastRequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Counted as it leaves, not when answered: an attempt the pipeline abandons at its timeout
        // (a loaded machine, a cold sandbox) is still an attempt, and is retried like the others.
        var attempt = Interlocked.Increment(ref _attempts);
        if (request.Content is not null) LastRequestBody = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        afterAttempt?.Invoke(attempt);
        if (replaceBody is not null)
        {
            response.Content = new StringContent(replaceBody);
        }
        else if (tamper is not null && response.IsSuccessStatusCode)
        {
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            tamper(json);
            response.Content = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }
        return response;
    }
}
