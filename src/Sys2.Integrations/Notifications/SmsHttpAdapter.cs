using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Http;
using Sys2.Integrations.Wire;

namespace Sys2.Integrations.Notifications;

/// <summary>The SMS gateway over HTTP: <c>POST messages { to, text, sender }</c> answers <c>{ id, to, status }</c>.</summary>
public sealed class SmsHttpAdapter(HttpClient http, IOptions<SmsAdapterOptions> options) : ISmsPort
{
    public const string System = "sms";

    public async Task<string> SendAsync(SmsNotification sms, string idempotencyKey, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            Content = JsonContent.Create(new SmsBody(sms.To, sms.Text, options.Value.Sender), options: WireJson.Options),
        };
        if (sms.Entity is not null) message.Headers.Add(EmailNotification.EntityHeader, sms.Entity);
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await response.EnsureSuccessAsync(System, ct);
        var answer = await response.ReadAsync<SmsAnswer>(System, ct);
        if (answer.To != sms.To) throw WireBody.Answer(System).Invalid("to", $"'{answer.To}' is not the number sent to ({sms.To})");
        return answer.Id;
    }
}
