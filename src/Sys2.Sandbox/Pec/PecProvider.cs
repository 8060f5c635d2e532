using Microsoft.Extensions.Options;
using MimeKit;
using Sys2.Integrations.Pec;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Formats;

namespace Sys2.Sandbox.Pec;

/// <summary>
/// The simulated provider's books: each message taken once per Message-Id (a resubmission gets the
/// same accettazione and is not delivered again), its ricevuta di accettazione, and the receipt of its
/// consegna (avvenuta, or mancata for an undeliverable recipient or an injected failure), certified
/// <see cref="PecSandboxOptions.DeliveryDelay"/> after the accettazione and posted by the <see cref="PecReceiptDispatcher"/>.
/// </summary>
public sealed class PecProvider(TimeProvider clock, FaultInjector faults, IOptions<PecSandboxOptions> options)
{
    public const string FaultSystem = "pec";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Accepted> _byMessageId = new(StringComparer.Ordinal);
    private readonly List<PecReceipt> _receipts = [];

    public sealed record Accepted(
        string ProviderMessageId, string SentMessageId, string From, string To, string Subject, DateTimeOffset AcceptedAt,
        string? Tenant, string? CaseId, IReadOnlyList<string> Attachments);

    /// <summary>A message taken: the dispatcher has its consegna certified (<see cref="Certify"/>) when the delay has passed.</summary>
    public event Action<Accepted, TimeSpan>? DeliveryDue;

    public PecAcceptance Accept(string envelopeFrom, string recipient, MimeMessage message)
    {
        var sentId = message.MessageId ?? $"no-id-{Guid.NewGuid():N}@sandbox";
        Accepted accepted;
        lock (_gate)
        {
            if (_byMessageId.TryGetValue(sentId, out var seen)) return new PecAcceptance(seen.ProviderMessageId, seen.AcceptedAt);
            var attachments = message.Attachments.OfType<MimePart>()
                .Select(a => { using var s = new MemoryStream(); a.Content?.DecodeTo(s); return $"{a.FileName} sha256:{Sha256Hex.Of(s.ToArray())}"; })
                .ToList();
            accepted = new Accepted($"opec{Sha256Hex.Of(sentId)[..24]}@{options.Value.ProviderDomain}", sentId, envelopeFrom, recipient,
                message.Subject ?? "", clock.GetUtcNow(), message.Headers[PecMessage.EntityHeader], message.Headers[PecMessage.CaseHeader], attachments);
            _byMessageId[sentId] = accepted;
        }
        DeliveryDue?.Invoke(accepted, options.Value.DeliveryDelay);
        return new PecAcceptance(accepted.ProviderMessageId, accepted.AcceptedAt);
    }

    /// <summary>
    /// The provider tries the recipient's mailbox now: the ricevuta di avvenuta consegna carries this
    /// moment (the legal moment of receipt, DPR 68/2005 art. 6 c.3), or a ricevuta di mancata consegna.
    /// </summary>
    public PecReceipt Certify(Accepted message)
    {
        var settings = options.Value;
        var at = clock.GetUtcNow();
        var undeliverable = settings.Undeliverable.Contains(message.To, StringComparer.OrdinalIgnoreCase)
            || faults.Draw(FaultSystem, settings.UndeliveredShare);
        var tipo = undeliverable ? PecReceipt.NotDelivered : PecReceipt.Delivered;
        var error = undeliverable ? $"5.2.2 casella di {message.To} piena o inesistente: messaggio non consegnato" : null;
        var identificativo = $"{tipo}-{Sha256Hex.Of(message.ProviderMessageId)[..16]}@{settings.ProviderDomain}";
        var daticert = Daticert.Write(tipo, undeliverable ? "no-dest" : null, message.From, message.To, message.Subject, settings.ProviderDomain,
            at, identificativo, message.ProviderMessageId, error);
        var receipt = new PecReceipt(identificativo, tipo, message.Tenant ?? "", message.CaseId ?? "", message.ProviderMessageId, message.SentMessageId,
            message.To, at, Convert.ToBase64String(daticert), error);
        lock (_gate) _receipts.Add(receipt);
        return receipt;
    }

    public IReadOnlyList<Accepted> To(string? address)
    {
        lock (_gate) return _byMessageId.Values.Where(m => address is null || string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    public IReadOnlyList<PecReceipt> Receipts(string? messageId)
    {
        lock (_gate) return _receipts.Where(r => messageId is null || r.MessageId == messageId).ToList();
    }
}
