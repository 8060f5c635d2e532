using Sys2.Host.Features;
using Marten;
using Microsoft.Extensions.Options;
using Sys2.Host.Cases;
using Sys2.Host.Engine;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Integrations;

/// <summary>
/// MPay posts each pagoPA receipt here. A receipt signed with the shared secret, well formed,
/// and for the avviso its case issued becomes the <c>payment-received</c> event of the case; the
/// receipt id makes a duplicate delivery a no-op. A receipt that comes after the wait ended (paid
/// after the timeout) is recorded on the case as late, without moving it. A case that is busy
/// answers 409 so MPay delivers it again later; a receipt no case takes (another avviso, a closed
/// case) is kept as an <see cref="UnmatchedPayment"/> for an operator, never lost.
/// </summary>
public static class PaymentReceiptEndpoint
{
    public const string Path = "/api/integrations/mpay/receipts";

    public static void MapPaymentReceipts(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, CaseService cases, IOptions<MPayCallbackOptions> options,
            IDocumentStore store, TimeProvider clock, ILogger<PaymentReceipt> log, CancellationToken ct) =>
        {
            if (request.ContentLength is > PaymentReceiptParser.MaxBodyBytes)
                return Results.Problem($"a receipt is at most {PaymentReceiptParser.MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            if (options.Value.CallbackSecret is not { Length: > 0 } secret)
                return Results.Problem("receipts are refused: Sys2:Integrations:mpay:CallbackSecret is not set", statusCode: StatusCodes.Status401Unauthorized);
            if (!CallbackSignature.Matches(secret, body.ToArray(), request.Headers[CallbackSignature.Header].ToString()))
                return Results.Problem($"receipt refused: missing or wrong {CallbackSignature.Header}", statusCode: StatusCodes.Status401Unauthorized);
            if (!PaymentReceiptParser.TryParse(body.ToArray(), out var receipt, out var problems))
                return Results.Problem($"receipt refused: {string.Join("; ", problems)}", statusCode: StatusCodes.Status400BadRequest);
            if (receipt.CaseId is not { } caseId)
                return Results.Problem($"receipt {receipt.ReceiptId} names no case (metadata.{PaymentReceipt.CaseIdKey})", statusCode: StatusCodes.Status400BadRequest);

            // Whether the receipt is the one the case waits for (the avviso it issued) is the
            // definition's rule (the wait's `match:`), decided with every other rule of the case.
            var outcome = await cases.HandleSystemAsync(receipt.Tenant, caseId, CommandIdOf(receipt),
                new ReceiveEvent(PaymentReceipt.EventName, receipt.ToEventPayload()) { FromSystem = true }, receipt.ReceiptId, ct);
            log.LogInformation("Receipt {Receipt} for {Case}: {Status} {Error}", receipt.ReceiptId, caseId, outcome.Status, outcome.Error);
            if (Unmatched(outcome))
            {
                await UnmatchedPayments.RecordAsync(store, receipt, $"{outcome.Status} {outcome.Code}: {outcome.Error}", "callback", clock.GetUtcNow(), ct);
                log.LogError("Receipt {Receipt} (avviso {Notice}) paid but taken by no case: {Error}", receipt.ReceiptId, receipt.NoticeNumber, outcome.Error);
            }
            return Answer(outcome);
        });
    }

    /// <summary>The command id a receipt is recorded under, whoever brings it (the callback, reconciliation): the same receipt twice is a duplicate.</summary>
    public static Guid CommandIdOf(PaymentReceipt receipt) => StableId.For($"receipt:{receipt.Tenant}:{receipt.ReceiptId}");

    /// <summary>
    /// Each answer tells MPay what to do with the receipt: 200 recorded, 409 try again later (the
    /// case is busy or not yet waiting for it), 404/422 do not deliver it again (no such case, the
    /// case is closed, or the receipt is not for the avviso the case issued).
    /// </summary>
    /// <summary>Refused for good (not a duplicate, not busy, not an incident the case keeps): the payment would be lost.</summary>
    private static bool Unmatched(CommandOutcome outcome) =>
        outcome.Status is not (CommandStatus.Accepted or CommandStatus.Duplicate or CommandStatus.Conflict) && outcome.Code != "not-waiting";

    private static IResult Answer(CommandOutcome outcome) => outcome switch
    {
        // The receipt is for this case's avviso but fails the wait's check (another amount): not
        // taken, an incident raised for the operator. MPay should not deliver it again.
        { Status: CommandStatus.Accepted, Events: [nameof(IncidentRaised)] } => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Receipt refused", detail: $"the receipt does not meet the case's check (see the incident on {outcome.CaseId}); an operator was alerted"),
        { Status: CommandStatus.Accepted or CommandStatus.Duplicate } => Results.Ok(outcome),
        { Status: CommandStatus.NotFound } => CaseAnswers.Problem(outcome, StatusCodes.Status404NotFound, "No such case"),
        { Status: CommandStatus.Conflict } or { Code: "not-waiting" } => CaseAnswers.Problem(outcome, StatusCodes.Status409Conflict, "Not now: deliver it again later"),
        _ => CaseAnswers.Problem(outcome, StatusCodes.Status422UnprocessableEntity, "Receipt refused"),
    };
}
