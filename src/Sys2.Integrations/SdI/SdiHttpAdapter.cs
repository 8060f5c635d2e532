using System.Net.Http.Json;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.SdI;

/// <summary>
/// IntermediaMarche over HTTP: <c>POST entities/{tenant}/outcomes</c> with the outcome message;
/// 202 with the intermediary's message id. A message it refuses (not valid against the SdI schema)
/// is a permanent failure; its unavailability a transient one, retried by the resilience pipeline.
/// </summary>
public sealed class SdiHttpAdapter(HttpClient http) : ISdiPort
{
    public const string System = "intermediamarche";

    public async Task<OutcomeAccepted> SendOutcomeAsync(string tenant, OutcomeMessage message, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"entities/{Uri.EscapeDataString(tenant)}/outcomes")
        {
            Content = JsonContent.Create(new OutcomeBody(message.IdentificativoSdI, message.FileName, Convert.ToBase64String(message.Content)),
                options: WireJson.Options),
        };
        using var response = await http.SendAsync(System, request, idempotencyKey, ct);
        await response.EnsureSuccessAsync(System, ct);
        var answer = await response.ReadAsync<OutcomeAnswer>(System, ct);
        return string.IsNullOrWhiteSpace(answer.MessageId)
            ? throw new IntegrationException(System, "malformed answer: field 'messageId' is empty", transient: false)
            : new OutcomeAccepted(answer.MessageId, answer.AcceptedAt);
    }
}
