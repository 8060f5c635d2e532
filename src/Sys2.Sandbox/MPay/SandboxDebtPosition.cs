using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Wire;
using Sys2.Workflows.Formats.PagoPa;

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
        var option = Request.Option;
        var answer = new DebtPositionAnswer(
            Request.Iupd, Status,
            [new PaymentOptionAnswer(Notice.Iuv.Value, Notice.Value, option.Amount, option.DueDate, option.Description,
                Status == DebtPositionStatus.Paid ? "PO_PAID" : "PO_UNPAID",
                DebtPositionBody.From(Request).PaymentOption[0].Transfer, PaidAt, ReceiptId)],
            Tenant, Request.Payer.Type, Request.Payer.FiscalCode, Request.Payer.FullName);
        return JsonSerializer.SerializeToNode(answer, WireJson.Options)!.AsObject();
    }

    public JsonObject Receipt() => JsonSerializer.SerializeToNode(new PaymentReceiptBody(
            Tenant, Request.Iupd, Notice.Iuv.Value, Notice.Value, Request.Option.Amount,
            PaidAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), ReceiptId, Request.Metadata),
        WireJson.Options)!.AsObject();
}
