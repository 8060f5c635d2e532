using System.Buffers;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.Notifications;

/// <summary>
/// What the sink does with a message at the end of DATA, where a real server says whether it took
/// it: honours the <c>smtp</c> fault plan (451 after a delay or at once), parses the message with
/// MimeKit, and keeps it in the <see cref="MailInbox"/> once per Message-Id.
/// </summary>
public sealed class SmtpSinkStore(MailInbox inbox, FaultInjector faults) : MessageStore
{
    public const string FaultSystem = "smtp";

    public override async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        inbox.CountTransaction();
        if (await SandboxSmtpDelivery.InjectedFaultAsync(faults, FaultSystem, cancellationToken) is { } fault) return fault;
        var (message, malformed) = await SandboxSmtpDelivery.ReadAsync(buffer, cancellationToken);
        if (message is null)
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, $"5.6.0 Malformed message: {malformed}");

        var recipients = transaction.To.Select(to => to.AsAddress()).OfType<string>().ToList();
        var kept = inbox.Add(transaction.From.AsAddress() ?? string.Empty, recipients, message);
        return new SmtpResponse(SmtpReplyCode.Ok, kept ? $"2.0.0 OK queued as {message.MessageId}" : $"2.0.0 OK duplicate {message.MessageId} dropped");
    }
}
