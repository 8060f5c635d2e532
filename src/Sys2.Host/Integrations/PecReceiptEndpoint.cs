using Microsoft.Extensions.Options;
using Sys2.Host.Cases;
using Sys2.Host.Features;
using Sys2.Host.Engine;
using Sys2.Host.Files;
using Sys2.Host.Requests;
using Sys2.Integrations.MPay;
using Sys2.Integrations.Pec;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Integrations;

/// <summary>
/// The PEC provider posts each ricevuta di consegna here (DPR 68/2005 art. 6), signed with the shared
/// secret as MPay's receipts are. A well-formed receipt's certified data (daticert.xml) is kept in the
/// entity's file store and the receipt becomes the case's <c>delivery-receipt</c>: for an avvenuta
/// consegna with <c>receivedAt</c>, the legal moment of receipt terms "dal ricevimento" run from; for a
/// mancata consegna with <c>delivered: false</c> and the provider's error, for the definition to branch
/// on. The receipt id makes a repeated delivery a no-op; a case not yet waiting answers 409 (deliver later).
/// </summary>
public static class PecReceiptEndpoint
{
    public const string Path = "/api/integrations/pec/receipts";

    public static void MapPecReceipts(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, CaseService cases, FileContents files, IOptions<PecCallbackOptions> options,
            TimeProvider clock, ILogger<PecReceipt> log, CancellationToken ct) =>
        {
            if (request.ContentLength is > PecReceipt.MaxBodyBytes)
                return Results.Problem($"a receipt is at most {PecReceipt.MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            if (options.Value.CallbackSecret is not { Length: > 0 } secret)
                return Results.Problem("receipts are refused: Sys2:Integrations:pec:CallbackSecret is not set", statusCode: StatusCodes.Status401Unauthorized);
            if (!CallbackSignature.Matches(secret, body.ToArray(), request.Headers[CallbackSignature.Header].ToString()))
                return Results.Problem($"receipt refused: missing or wrong {CallbackSignature.Header}", statusCode: StatusCodes.Status401Unauthorized);
            if (!PecReceipt.TryParse(body.ToArray(), out var receipt, out var problems))
                return Results.Problem($"receipt refused: {string.Join("; ", problems)}", statusCode: StatusCodes.Status400BadRequest);
            if (receipt.Tenant.Length == 0 || receipt.CaseId.Length == 0)
                return Results.Problem($"receipt {receipt.ReceiptId} names no entity or case (the message's {PecMessage.EntityHeader} and {PecMessage.CaseHeader})",
                    statusCode: StatusCodes.Status400BadRequest);

            var daticert = PecReceipt.DaticertBytes(receipt)!;
            await files.StoreAsync(receipt.Tenant, Sha256Hex.Of(daticert), daticert, clock.GetUtcNow(), ct);
            var outcome = await cases.HandleSystemAsync(receipt.Tenant, receipt.CaseId, StableId.For($"pec-receipt:{receipt.Tenant}:{receipt.ReceiptId}"),
                new ReceiveEvent(PecReceipt.EventName, receipt.ToEventPayload(daticert)) { FromSystem = true }, receipt.ReceiptId, ct);
            log.LogInformation("PEC receipt {Receipt} ({Type}) for {Case}: {Status} {Error}", receipt.ReceiptId, receipt.Type, receipt.CaseId, outcome.Status, outcome.Error);
            return outcome switch
            {
                { Status: CommandStatus.Accepted or CommandStatus.Duplicate } => Results.Ok(outcome),
                { Status: CommandStatus.NotFound } => CaseAnswers.Problem(outcome, StatusCodes.Status404NotFound, "No such case"),
                { Status: CommandStatus.Conflict } or { Code: "not-waiting" } => CaseAnswers.Problem(outcome, StatusCodes.Status409Conflict, "Not now: deliver it again later"),
                _ => CaseAnswers.Problem(outcome, StatusCodes.Status422UnprocessableEntity, "Receipt refused"),
            };
        }).WithBodyLimit(PecReceipt.MaxBodyBytes);
    }
}

/// <summary>
/// <c>Sys2:Integrations:pec:CallbackSecret</c>: the secret the PEC provider (or the gateway reading the
/// entity's PEC mailbox) signs its receipts with. Without it every receipt is refused. In sandbox mode a
/// fresh random secret is shared with the simulator at start-up.
/// </summary>
public sealed class PecCallbackOptions
{
    public string? CallbackSecret { get; set; }
}
