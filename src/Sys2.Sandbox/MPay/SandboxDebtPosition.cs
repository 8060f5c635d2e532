using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Workflows.Formats.PagoPa;
using Sys2.Integrations.MPay;

namespace Sys2.Sandbox.MPay;

/// <summary>One position held by the simulator; changed only under <see cref="MPayLedger"/>'s lock.</summary>
internal sealed class SandboxDebtPosition(string tenant, DebtPositionRequest request, NumeroAvviso notice, string? idempotencyKey)
{
    public string Tenant { get; } = tenant;
    public DebtPositionRequest Request { get; } = request;
    public NumeroAvviso Notice { get; } = notice;
    public string? IdempotencyKey { get; } = idempotencyKey;
    public DebtPositionStatus Status { get; set; } = DebtPositionStatus.Draft;
    public DateTimeOffset? PaidAt { get; set; }
    public string? ReceiptId { get; set; }

    /// <summary>A position not paid by the end of its due date expires (GPD's EXPIRED).</summary>
    public void Age(DateTimeOffset now)
    {
        if (Status is DebtPositionStatus.Valid or DebtPositionStatus.Published &&
            DateOnly.FromDateTime(now.UtcDateTime) > Request.Option.DueDate)
            Status = DebtPositionStatus.Expired;
    }

    public JsonObject ToJson()
    {
        var transfers = new JsonArray();
        foreach (var (t, i) in Request.Option.Transfers.Select((t, i) => (t, i)))
            transfers.Add(new JsonObject
            {
                ["idTransfer"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                ["amount"] = t.Amount,
                ["remittanceInformation"] = t.RemittanceInformation,
                ["category"] = t.Category,
                ["iban"] = t.Iban,
            });
        return new JsonObject
        {
            ["iupd"] = Request.Iupd,
            ["organization"] = Tenant,
            ["type"] = Request.Payer.Type.ToString(),
            ["fiscalCode"] = Request.Payer.FiscalCode,
            ["fullName"] = Request.Payer.FullName,
            ["status"] = Status.WireName(),
            ["paymentOption"] = new JsonArray(new JsonObject
            {
                ["iuv"] = Notice.Iuv.Value,
                ["nav"] = Notice.Value,
                ["amount"] = Request.Option.Amount,
                ["description"] = Request.Option.Description,
                ["dueDate"] = Request.Option.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["status"] = Status == DebtPositionStatus.Paid ? "PO_PAID" : "PO_UNPAID",
                ["transfer"] = transfers,
            }),
        };
    }

    public JsonObject Receipt()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Request.Metadata) metadata[key] = value;
        return new JsonObject
        {
            ["tenant"] = Tenant,
            ["iupd"] = Request.Iupd,
            ["iuv"] = Notice.Iuv.Value,
            ["noticeNumber"] = Notice.Value,
            ["amount"] = Request.Option.Amount,
            ["paidAt"] = PaidAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["receiptId"] = ReceiptId,
            ["metadata"] = metadata,
        };
    }
}
