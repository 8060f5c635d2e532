using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Workflows.Integrations.MPay;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Integrations;

/// <summary>
/// MPay posts each pagoPA receipt here. A valid receipt becomes the <c>payment-received</c>
/// event of its case; the receipt id makes a duplicate delivery a no-op. A case that is not
/// waiting for it yet answers 409 so MPay delivers it again later, instead of losing it.
/// </summary>
public static class PaymentReceiptEndpoint
{
    public const string Path = "/api/integrations/mpay/receipts";

    public static void MapPaymentReceipts(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, CaseService cases, ILogger<PaymentReceipt> log, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            if (!PaymentReceiptParser.TryParse(body.ToArray(), out var receipt, out var problems))
                return Results.Problem($"receipt refused: {string.Join("; ", problems)}", statusCode: StatusCodes.Status400BadRequest);
            if (receipt.CaseId is not { } caseId)
                return Results.Problem($"receipt {receipt.ReceiptId} names no case (metadata.{PaymentReceipt.CaseIdKey})", statusCode: StatusCodes.Status400BadRequest);

            var outcome = await cases.HandleSystemAsync(receipt.Tenant, caseId, StableId.For($"receipt:{receipt.Tenant}:{receipt.ReceiptId}"),
                new ReceiveEvent(PaymentReceipt.EventName, receipt.ToEventPayload()), receipt.ReceiptId, ct);
            log.LogInformation("Receipt {Receipt} for {Case}: {Status} {Error}", receipt.ReceiptId, caseId, outcome.Status, outcome.Error);
            return outcome.Status switch
            {
                CommandStatus.Accepted or CommandStatus.Duplicate => Results.Ok(outcome),
                CommandStatus.NotFound => Results.NotFound(outcome),
                _ => Results.Conflict(outcome),
            };
        });
    }
}
