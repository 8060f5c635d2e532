using Microsoft.Extensions.Options;
using MimeKit;
using Sys2.Integrations.Notifications;

namespace Sys2.Integrations.Pec;

/// <summary>
/// PEC submission to the entity's provider over SMTP with MailKit (DM 2/11/2005: the sender's
/// provider is reached by SMTP over TLS), one connection per message. The act travels as an
/// attachment; the provider's final reply is its ricevuta di accettazione. 4xx replies, broken
/// connections and timeouts are retried (the same Message-Id: the provider takes the message once)
/// behind a circuit breaker; 5xx replies and a reply without the accettazione are final.
/// </summary>
public sealed class PecSmtpAdapter(IOptions<PecOptions> options) : IPecPort
{
    public const string System = "pec";

    private readonly PecOptions _options = options.Value;
    private readonly SmtpSubmission _smtp = new(System, "the provider", new SmtpServerSettings(
        options.Value.Host, options.Value.Port, options.Value.Security, options.Value.Username, options.Value.Password,
        options.Value.AttemptTimeout, options.Value.MaxRetries, options.Value.RetryDelay, options.Value.BreakDuration));

    public async Task<PecAcceptance> SendAsync(PecMessage pec, CancellationToken ct)
    {
        var reply = await _smtp.SendAsync(Compose(pec), $"PEC {pec.MessageId} to {pec.ToAddress}", ct);
        return PecAcceptanceReply.TryParse(reply, out var acceptance)
            ? acceptance
            : throw new IntegrationException(System, $"PEC {pec.MessageId} to {pec.ToAddress}: the provider's reply '{reply}' carries no ricevuta di accettazione", transient: false);
    }

    private MimeMessage Compose(PecMessage pec)
    {
        var message = new MimeMessage { Subject = pec.Subject, MessageId = pec.MessageId };
        message.From.Add(MailboxAddress.Parse(_options.FromAddress));
        message.To.Add(new MailboxAddress(pec.ToName ?? "", pec.ToAddress));
        message.Headers.Add("X-Sys2-Template", pec.Template);
        message.Headers.Add(PecMessage.EntityHeader, pec.Entity);
        message.Headers.Add(PecMessage.CaseHeader, pec.CaseId);
        var body = new BodyBuilder { TextBody = pec.Body };
        // Base64 whatever the type: a text act sent as quoted-printable would reach the recipient with its line
        // ends rewritten, and its digest would no longer be the registered act's.
        if (body.Attachments.Add(pec.Act.Name, pec.Act.Content, ContentType.Parse(pec.Act.MediaType)) is MimePart part)
            part.ContentTransferEncoding = ContentEncoding.Base64;
        message.Body = body.ToMessageBody();
        return message;
    }
}
