using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Sys2.Integrations.Http;

namespace Sys2.Integrations.Notifications;

/// <summary>The SMS gateway over HTTP: <c>POST messages { to, text, sender }</c> answers <c>{ id, to, status }</c>.</summary>
public sealed class SmsHttpAdapter(HttpClient http, IOptions<SmsAdapterOptions> options) : ISmsPort
{
    public const string System = "sms";

    public async Task<string> SendAsync(SmsNotification sms, string idempotencyKey, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            Content = JsonContent.Create(new { to = sms.To, text = sms.Text, sender = options.Value.Sender }),
        };
        using var response = await http.SendAsync(System, message, idempotencyKey, ct);
        await response.EnsureSuccessAsync(System, ct);
        var answer = JsonFields.Answer(System, await response.ReadObjectAsync(System, ct));
        var to = answer.String("to");
        if (to != sms.To) throw answer.Invalid("to", $"'{to}' is not the number sent to ({sms.To})");
        return answer.String("id");
    }
}
