using Microsoft.Extensions.Options;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// The provider's SMTP submission port on <c>Sandbox:Pec:SmtpPort</c> (0 = a free one); what happens to a message
/// is <see cref="PecProviderStore"/>'s.
/// </summary>
public sealed class PecProviderServer(PecProviderStore store, IOptions<PecSandboxOptions> options)
    : SandboxSmtpServer(store, "pec.sandbox.invalid", "the PEC provider",
        () => new SmtpListenSettings(options.Value.ListenAddress, options.Value.SmtpPort, options.Value.MaxMessageBytes, options.Value.IdleTimeout));
