using System.Buffers;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Sys2.Integrations.Pec;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// The end of DATA at the provider, where it says whether it takes the message: honours the <c>pec</c>
/// fault plan (451 after a delay or at once: a transient failure of the provider), refuses a message
/// with no attachment or not one recipient, and otherwise answers the ricevuta di accettazione in its reply.
/// </summary>
public sealed class PecProviderStore(PecProvider provider, FaultInjector faults) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (await SandboxSmtpDelivery.InjectedFaultAsync(faults, PecProvider.FaultSystem, cancellationToken) is { } fault) return fault;
        var (message, malformed) = await SandboxSmtpDelivery.ReadAsync(buffer, cancellationToken);
        if (message is null)
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, $"5.6.0 avviso di non accettazione: messaggio malformato ({malformed})");

        var recipients = transaction.To.Select(to => to.AsAddress()).OfType<string>().ToList();
        if (recipients.Count != 1)
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.5.3 avviso di non accettazione: one recipient per act");
        var acceptance = provider.Accept(transaction.From.AsAddress() ?? string.Empty, recipients[0], message);
        return new SmtpResponse(SmtpReplyCode.Ok, PecAcceptanceReply.Format(acceptance.ProviderMessageId, acceptance.AcceptedAt));
    }
}
