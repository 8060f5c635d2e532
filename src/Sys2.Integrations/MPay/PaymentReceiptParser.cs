using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Integrations.MPay;

/// <summary>
/// Checks a receipt callback body: the caller is on the network, so nothing is trusted.
/// Every problem is reported (each naming its field), not only the first. The body:
/// <code>
/// { "tenant": "H769", "iupd": "SYS2-{caseId}-{step}", "iuv": "02000000001234559",
///   "noticeNumber": "302000000001234559", "amount": 5000, "paidAt": "2026-11-26T10:00:00.000Z",
///   "receiptId": "…", "metadata": { "caseId": "…", "step": "request-payment" } }
/// </code>
/// sent with the header <c>Idempotency-Key: {receiptId}</c>.
/// </summary>
public static class PaymentReceiptParser
{
    /// <summary>A receipt is a few hundred bytes; anything much larger is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static bool TryParse(
        ReadOnlySpan<byte> body, [NotNullWhen(true)] out PaymentReceipt? receipt, out IReadOnlyList<string> problems)
    {
        receipt = null;
        var found = new List<string>();
        problems = found;
        if (body.Length > MaxBodyBytes)
        {
            found.Add($"body: {body.Length} bytes, more than the {MaxBodyBytes} allowed");
            return false;
        }

        JsonObject json;
        try
        {
            if (JsonNode.Parse(body) is not JsonObject o)
            {
                found.Add("body: not a JSON object");
                return false;
            }
            json = o;
        }
        catch (JsonException e)
        {
            found.Add($"body: not JSON ({e.Message})");
            return false;
        }

        PaymentReceiptBody fields;
        try
        {
            fields = json.Deserialize<PaymentReceiptBody>(WireJson.Options)!;
        }
        catch (JsonException e)
        {
            found.Add($"{e.Path?.TrimStart('$', '.')}: of the wrong type");
            return false;
        }

        var tenant = Text(fields.Tenant, "tenant", found);
        var iupd = Text(fields.Iupd, "iupd", found);
        var receiptId = Text(fields.ReceiptId, "receiptId", found);
        var navText = Text(fields.NoticeNumber, "noticeNumber", found);
        var iuvText = Text(fields.Iuv, "iuv", found);

        NumeroAvviso nav = default;
        if (navText is not null && !NumeroAvviso.TryParse(navText, out nav, out var navError))
            found.Add($"noticeNumber: {navError}");
        Iuv iuv = default;
        if (iuvText is not null && !Iuv.TryParse(iuvText, out iuv, out var iuvError))
            found.Add($"iuv: {iuvError}");
        if (nav.Value is not null && iuv.Value is not null && nav.Iuv != iuv)
            found.Add($"iuv: '{iuv}' is not the IUV of the notice number '{nav}'");

        if (fields.Amount is not { } amount)
            found.Add("amount: missing or not a whole number of euro cents");
        else if (amount <= 0)
            found.Add($"amount: must be positive, got {amount}");

        var paidAt = default(DateTimeOffset);
        var paidAtText = Text(fields.PaidAt, "paidAt", found);
        if (paidAtText is not null &&
            !DateTimeOffset.TryParse(paidAtText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out paidAt))
            found.Add($"paidAt: '{paidAtText}' is not an ISO 8601 date-time");

        var metadata = fields.Metadata ?? new Dictionary<string, string>();
        if (!metadata.ContainsKey(PaymentReceipt.CaseIdKey))
            found.Add($"metadata.{PaymentReceipt.CaseIdKey}: missing, so the receipt cannot be matched to a case");

        if (found.Count > 0) return false;
        receipt = new PaymentReceipt(tenant!, iupd!, iuv, nav, fields.Amount!.Value, paidAt, receiptId!, metadata);
        return true;
    }

    private static string? Text(string? value, string name, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        problems.Add($"{name}: missing or not a non-empty string");
        return null;
    }
}
