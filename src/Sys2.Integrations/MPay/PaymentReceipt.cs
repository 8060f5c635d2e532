using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Workflows.Formats.PagoPa;

namespace Sys2.Integrations.MPay;

/// <summary>
/// The receipt (ricevuta telematica) MPay posts when an avviso is paid. The host checks it with
/// <see cref="PaymentReceiptParser"/>, finds the case by <see cref="CaseId"/> and records
/// <see cref="EventName"/> with <see cref="ToEventPayload"/>; <see cref="ReceiptId"/> tells a
/// duplicate delivery from a second payment.
/// </summary>
public sealed record PaymentReceipt(
    string Tenant,
    string Iupd,
    Iuv Iuv,
    NumeroAvviso NoticeNumber,
    long Amount,
    DateTimeOffset PaidAt,
    string ReceiptId,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The case event a <c>wait</c> step of the definitions waits for.</summary>
    public const string EventName = "payment-received";

    /// <summary>Metadata keys the adapter sets at creation, so the receipt finds its case.</summary>
    public const string CaseIdKey = "caseId";
    public const string StepKey = "step";

    public string? CaseId => Metadata.GetValueOrDefault(CaseIdKey);

    /// <summary>The <c>event.</c> fields of <c>payment-received</c>: <c>{ paidAt, noticeNumber, iuv, amount, receiptId }</c>.</summary>
    public JsonObject ToEventPayload() => new()
    {
        ["paidAt"] = PaidAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["noticeNumber"] = NoticeNumber.Value,
        ["iuv"] = Iuv.Value,
        ["amount"] = Amount,
        ["receiptId"] = ReceiptId,
    };
}
