using MimeKit;

namespace Sys2.Sandbox.Notifications;

/// <summary>What the SMTP sink received, one entry per Message-Id: a resent message is dropped, as a mailbox would.</summary>
public sealed class MailInbox(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Mail> _messages = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public sealed record Mail(
        string MessageId, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string From, string Subject, string Text, string? Template, DateTimeOffset ReceivedAt,
        string? Entity = null);

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
            message.Headers["X-Sys2-Template"], clock.GetUtcNow(), message.Headers["X-Sys2-Entity"]);
        lock (_gate)
        {
            if (!_ids.Add(id)) return false;
            _messages.Add(mail);
            return true;
        }
    }

    /// <summary>The messages to an address (all when null) sent by an entity (every entity's when null).</summary>
    public IReadOnlyList<Mail> To(string? address, string? entity = null)
    {
        lock (_gate)
            return _messages
                .Where(m => address is null || m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase))
                .Where(m => entity is null || string.Equals(m.Entity, entity, StringComparison.OrdinalIgnoreCase))
                .ToList();
    }
}
