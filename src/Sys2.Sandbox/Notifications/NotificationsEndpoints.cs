using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sys2.Integrations.Notifications;
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
        sms.MapPost("/messages", (HttpRequest request, SmsBody? body, SmsInbox inbox) =>
            inbox.Send(request.Headers["Idempotency-Key"].FirstOrDefault(), body?.To, body?.Text, body?.Sender, request.Headers[EmailNotification.EntityHeader].FirstOrDefault()) switch
            {
                SmsInbox.Accepted { Replayed: true } a => Results.Json(Answer(a.Message), statusCode: StatusCodes.Status200OK),
                SmsInbox.Accepted a => Results.Json(Answer(a.Message), statusCode: StatusCodes.Status201Created),
                SmsInbox.Refused r => Results.Problem(r.Detail, statusCode: StatusCodes.Status400BadRequest),
                _ => Results.Problem("unexpected outcome", statusCode: StatusCodes.Status500InternalServerError),
            });
        sms.MapGet("/messages", (string? to, string? entity, SmsInbox inbox) => Results.Ok(inbox.To(to, entity))).AsSandboxControl(perEntity: true);

        // The sink itself follows the "smtp" plan; this view of its inbox has its own, so a test can inject SMTP faults and still read the inbox.
        var mail = sandbox.MapGroup("/mail").WithFaults("mail");
        mail.MapGet("/messages", (string? to, string? entity, MailInbox inbox) => Results.Ok(inbox.To(to, entity))).AsSandboxControl(perEntity: true);
        mail.MapGet("/smtp", (SmtpSink sink) => Results.Ok(new { host = sink.Host, port = sink.Port })).AsSandboxControl();
        return sandbox;
    }

    private static SmsAnswer Answer(SmsInbox.Sms sms) => new(sms.Id, sms.To, sms.Status, sms.AcceptedAt);
}
