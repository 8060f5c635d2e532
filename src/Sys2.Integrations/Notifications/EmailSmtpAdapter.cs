using Microsoft.Extensions.Options;
using MimeKit;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// Email over SMTP with MailKit (<see cref="SmtpSubmission"/>: one connection per message; 4xx replies, broken
/// connections and timeouts retried with jittered backoff behind a circuit breaker; 5xx replies final).
/// </summary>
public sealed class EmailSmtpAdapter(IOptions<SmtpOptions> options) : IEmailPort
{
    public const string System = "smtp";

    private readonly SmtpOptions _options = options.Value;
    private readonly SmtpSubmission _smtp = new(System, "the server", new SmtpServerSettings(
        options.Value.Host, options.Value.Port, options.Value.Security, options.Value.Username, options.Value.Password,
        options.Value.AttemptTimeout, options.Value.MaxRetries, options.Value.RetryDelay, options.Value.BreakDuration));

    public async Task<string> SendAsync(EmailNotification email, CancellationToken ct)
    {
        await _smtp.SendAsync(Compose(email), $"email {email.MessageId} to {email.ToAddress}", ct);
        return email.MessageId;
    }

    private MimeMessage Compose(EmailNotification email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(MailboxAddress.Parse(_options.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Headers.Add("X-Sys2-Template", email.Template);
        if (email.Entity is not null) message.Headers.Add(EmailNotification.EntityHeader, email.Entity);
        message.Body = new TextPart("plain") { Text = email.Body };
        return message;
    }
}
