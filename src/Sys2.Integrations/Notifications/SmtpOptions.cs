using MailKit.Security;

namespace Sys2.Integrations.Notifications;

/// <summary>Configuration of the email channel (suggested section <c>Integrations:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>StartTlsWhenAvailable</c> by default; the sandbox sink speaks plain SMTP (<c>None</c>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "noreply@sys2.invalid";

    /// <summary>The right-hand side of generated Message-Ids.</summary>
    public string MessageIdDomain { get; set; } = "sys2.invalid";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
