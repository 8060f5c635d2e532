using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Notifications;

/// <summary>
/// <c>/sandbox/sms</c>: the SMS gateway (<c>POST messages</c>) and its outbox (<c>GET messages?to=</c>);
/// <c>/sandbox/mail</c>: what the SMTP sink received (<c>GET messages?to=</c>).
/// </summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder sandbox)
    {
        var sms = sandbox.MapGroup("/sms").WithFaults("sms");
        sms.MapPost("/messages", (HttpRequest request, JsonObject? body, SmsInbox inbox) =>
            inbox.Send(request.Headers["Idempotency-Key"].FirstOrDefault(), Text(body, "to"), Text(body, "text"), Text(body, "sender")) switch
            {
                SmsInbox.Accepted { Replayed: true } a => Results.Json(Answer(a.Message), statusCode: StatusCodes.Status200OK),
                SmsInbox.Accepted a => Results.Json(Answer(a.Message), statusCode: StatusCodes.Status201Created),
                SmsInbox.Refused r => Results.Problem(r.Detail, statusCode: StatusCodes.Status400BadRequest),
                _ => Results.Problem("unexpected outcome", statusCode: StatusCodes.Status500InternalServerError),
            });
        sms.MapGet("/messages", (string? to, SmsInbox inbox) => Results.Ok(inbox.To(to)));

        // The sink itself follows the "smtp" plan; this view of its inbox has its own, so a test can inject SMTP faults and still read the inbox.
        var mail = sandbox.MapGroup("/mail").WithFaults("mail");
        mail.MapGet("/messages", (string? to, MailInbox inbox) => Results.Ok(inbox.To(to)));
        mail.MapGet("/smtp", (SmtpSink sink) => Results.Ok(new { host = sink.Host, port = sink.Port }));
        return sandbox;
    }

    private static object Answer(SmsInbox.Sms sms) => new { id = sms.Id, to = sms.To, status = sms.Status, acceptedAt = sms.AcceptedAt };

    private static string? Text(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
