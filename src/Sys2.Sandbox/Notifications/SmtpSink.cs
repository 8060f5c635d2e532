using Microsoft.Extensions.Options;

namespace Sys2.Sandbox.Notifications;

/// <summary>
/// An SMTP server on <c>Sandbox:Mail:SmtpPort</c> (0 = a free one) that keeps every message in the
/// <see cref="MailInbox"/> instead of delivering it; what happens to a message is <see cref="SmtpSinkStore"/>'s.
/// </summary>
public sealed class SmtpSink(SmtpSinkStore store, IOptions<MailSandboxOptions> options)
    : SandboxSmtpServer(store, "sandbox.sys2.invalid", "the SMTP sink",
        () => new SmtpListenSettings(options.Value.ListenAddress, options.Value.SmtpPort, options.Value.MaxMessageBytes, options.Value.IdleTimeout));
