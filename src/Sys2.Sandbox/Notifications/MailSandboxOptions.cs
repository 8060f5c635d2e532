namespace Sys2.Sandbox.Notifications;

/// <summary>Section <c>Sandbox:Mail</c>.</summary>
public sealed class MailSandboxOptions
{
    public const string Section = "Sandbox:Mail";

    /// <summary><c>Sandbox:Mail:SmtpPort</c>; 0 takes a free port, read back from <see cref="SmtpSink.Port"/>.</summary>
    public int SmtpPort { get; set; }

    /// <summary>The interface the sink listens on; loopback unless the sandbox serves other machines.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A client silent this long is disconnected.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
