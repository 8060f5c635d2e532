using MimeKit;

namespace Sys2.Sandbox.Notifications;

/// <summary>What the SMTP sink received, one entry per Message-Id: a resent message is dropped, as a mailbox would.</summary>
public sealed class MailInbox(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Mail> _messages = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public sealed record Mail(
        string MessageId, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string From, string Subject, string Text, string? Template, DateTimeOffset ReceivedAt);

    /// <summary>Every DATA transaction the sink finished reading, accepted or not: shows retries.</summary>
    public int Transactions { get; private set; }

    public void CountTransaction()
    {
        lock (_gate) Transactions++;
    }

    /// <summary>Keeps the message unless its Message-Id was seen; answers whether it was kept.</summary>
    public bool Add(string envelopeFrom, IReadOnlyList<string> envelopeTo, MimeMessage message)
    {
        var id = message.MessageId ?? $"no-id-{Guid.NewGuid():N}@sandbox";
        var mail = new Mail(id, envelopeFrom, envelopeTo, message.From.ToString(), message.Subject ?? "", message.TextBody ?? "",
            message.Headers["X-Sys2-Template"], clock.GetUtcNow());
        lock (_gate)
        {
            if (!_ids.Add(id)) return false;
            _messages.Add(mail);
            return true;
        }
    }

    public IReadOnlyList<Mail> To(string? address)
    {
        lock (_gate)
            return address is null
                ? _messages.ToList()
                : _messages.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
