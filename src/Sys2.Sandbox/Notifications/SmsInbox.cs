using System.Globalization;
using Sys2.Integrations.Notifications;

namespace Sys2.Sandbox.Notifications;

/// <summary>The SMS gateway's outbox, kept for tests and the UI; the same Idempotency-Key sends once.</summary>
public sealed class SmsInbox(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Sms> _messages = [];
    private readonly Dictionary<string, Sms> _byKey = new(StringComparer.Ordinal);

    public sealed record Sms(string Id, string To, string Sender, string Text, int Septets, DateTimeOffset AcceptedAt, string Status = "accepted", string? Entity = null);

    public abstract record Outcome;
    public sealed record Accepted(Sms Message, bool Replayed) : Outcome;
    public sealed record Refused(string Detail) : Outcome;

    public Outcome Send(string? idempotencyKey, string? to, string? text, string? sender, string? entity = null)
    {
        if (!PhoneNumbers.TryNormalize(to, out var number) || number != to)
            return new Refused($"to: '{to}' is not an E.164 number (+ and 8 to 15 digits)");
        if (string.IsNullOrEmpty(text)) return new Refused("text: required");
        var septets = GsmText.Septets(text);
        if (septets < 0) return new Refused("text: characters outside the GSM 03.38 alphabet");
        if (septets > GsmText.SingleMessageSeptets) return new Refused($"text: {septets} septets, more than one message ({GsmText.SingleMessageSeptets})");
        lock (_gate)
        {
            if (idempotencyKey is not null && _byKey.TryGetValue(idempotencyKey, out var earlier)) return new Accepted(earlier, Replayed: true);
            var sms = new Sms($"SMS-{(_messages.Count + 1).ToString("D6", CultureInfo.InvariantCulture)}", number, sender ?? "", text, septets, clock.GetUtcNow(), Entity: entity);
            _messages.Add(sms);
            if (idempotencyKey is not null) _byKey[idempotencyKey] = sms;
            return new Accepted(sms, Replayed: false);
        }
    }

    /// <summary>The messages to a number (all when null) sent by an entity (every entity's when null).</summary>
    public IReadOnlyList<Sms> To(string? number, string? entity = null)
    {
        lock (_gate)
            return _messages.Where(m => number is null || m.To == number)
                .Where(m => entity is null || string.Equals(m.Entity, entity, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
