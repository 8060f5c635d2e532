using MailKit.Security;

namespace Sys2.Integrations.Pec;

/// <summary>
/// Configuration of the PEC channel (suggested section <c>Integrations:Pec</c>): the entity's PEC
/// mailbox at its provider (gestore, DPR 68/2005 art. 14), reached by SMTP submission.
/// </summary>
public sealed class PecOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 465;

    /// <summary>A PEC provider takes submissions over TLS only (DM 2/11/2005); the sandbox provider speaks plain SMTP (<c>None</c>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.SslOnConnect;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The entity's PEC address, the sender of every act (the mailbox registered in IPA).</summary>
    public string FromAddress { get; set; } = "protocollo@pec.sys2.invalid";

    /// <summary>The right-hand side of the Message-Ids Sys2 generates.</summary>
    public string MessageIdDomain { get; set; } = "sys2.invalid";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
