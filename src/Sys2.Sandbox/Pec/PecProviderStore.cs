using System.Buffers;
using MimeKit;
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
        var plan = faults.For(PecProvider.FaultSystem);
        if (plan.Latency > TimeSpan.Zero) await Task.Delay(plan.Latency, cancellationToken);
        if (faults.Draw(PecProvider.FaultSystem, plan.Timeouts))
        {
            await Task.Delay(plan.TimeoutDelay, cancellationToken);
            return new SmtpResponse(SmtpReplyCode.Aborted, "4.4.2 pec sandbox: injected timeout");
        }
        if (faults.Draw(PecProvider.FaultSystem, plan.ServerErrors))
            return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 pec sandbox: injected server error");

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(buffer.ToArray());
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException e)
        {
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, $"5.6.0 avviso di non accettazione: messaggio malformato ({e.Message})");
        }

        var recipients = transaction.To.Select(to => to.AsAddress()).OfType<string>().ToList();
        if (recipients.Count != 1)
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.5.3 avviso di non accettazione: one recipient per act");
        var acceptance = provider.Accept(transaction.From.AsAddress() ?? string.Empty, recipients[0], message);
        return new SmtpResponse(SmtpReplyCode.Ok, PecAcceptanceReply.Format(acceptance.ProviderMessageId, acceptance.AcceptedAt));
    }
}
