using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Formats;

namespace Sys2.Integrations.Pec;

/// <summary>
/// A ricevuta di consegna as the PEC provider posts it to the host (DPR 68/2005 art. 6; DM 2/11/2005
/// allegato, "daticert.xml"): <c>type</c> is daticert's <c>tipo</c>, <c>avvenuta-consegna</c> (the message
/// reached the recipient's mailbox: the legal moment of receipt) or <c>errore-consegna</c> (ricevuta di
/// mancata consegna, with <c>error</c>); <c>messageId</c> is the provider's id the accettazione gave,
/// <c>sentMessageId</c> the Message-Id Sys2 sent; <c>at</c> the time in the receipt; <c>daticert</c> the
/// receipt's certified data (base64 of the XML), kept as the receipt's document.
/// </summary>
public sealed record PecReceipt(
    string ReceiptId, string Type, string Tenant, string CaseId, string MessageId, string SentMessageId, string To, DateTimeOffset At,
    string Daticert, string? Error = null)
{
    public const int MaxBodyBytes = 256 * 1024;

    public const string Delivered = "avvenuta-consegna";
    public const string NotDelivered = "errore-consegna";

    public const string DaticertName = "daticert.xml";
    public const string DaticertMediaType = "application/xml";

    public bool IsDelivered => Type == Delivered;

    public static bool TryParse(byte[] body, out PecReceipt receipt, out IReadOnlyList<string> problems)
    {
        receipt = null!;
        try
        {
            receipt = WireBody.Answer(PecSmtpAdapter.System).Read<PecReceipt>(JsonNode.Parse(body) ?? new JsonObject());
        }
        catch (Exception e) when (e is JsonException or IntegrationException)
        {
            problems = [e.Message];
            return false;
        }
        var found = new List<string>();
        if (receipt.Type is not (Delivered or NotDelivered)) found.Add($"type '{receipt.Type}' is neither {Delivered} nor {NotDelivered}");
        if (DaticertBytes(receipt) is null) found.Add("daticert is not base64");
        problems = found;
        return found.Count == 0;
    }

    public static byte[]? DaticertBytes(PecReceipt receipt)
    {
        try { return Convert.FromBase64String(receipt.Daticert); }
        catch (FormatException) { return null; }
    }

    /// <summary>
    /// The case's <c>delivery-receipt</c>: <c>delivered</c>, <c>messageId</c>, <c>type</c>, <c>to</c>, the
    /// receipt's document and, for a consegna only, <c>receivedAt</c> (the date terms "dal ricevimento"
    /// run from); a mancata consegna has no such date and carries the provider's <c>error</c>.
    /// </summary>
    public JsonObject ToEventPayload(byte[] daticert)
    {
        var payload = new JsonObject
        {
            ["delivered"] = IsDelivered,
            ["messageId"] = MessageId,
            ["sentMessageId"] = SentMessageId,
            ["type"] = Type,
            ["to"] = To,
            ["channel"] = "pec",
            ["document"] = new JsonObject
            {
                ["name"] = DaticertName,
                ["sha256"] = Sha256Hex.Of(daticert),
                ["mediaType"] = DaticertMediaType,
                ["size"] = daticert.LongLength,
            },
        };
        var at = At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        if (IsDelivered) payload["receivedAt"] = at;
        else
        {
            payload["notDeliveredAt"] = at;
            payload["error"] = Error ?? "mancata consegna";
        }
        return payload;
    }

    public const string EventName = ExternalEvents.DeliveryReceipt;
}
