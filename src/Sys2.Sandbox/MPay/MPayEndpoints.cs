using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sys2.Sandbox.Faults;

namespace Sys2.Sandbox.MPay;

/// <summary>
/// <c>/sandbox/mpay</c>: the GPD-shaped debt position API, plus <c>avvisi/{noticeNumber}/pay</c>
/// standing in for a payer at a PSP, and <c>callbacks</c> listing receipt deliveries.
/// </summary>
public static class MPayEndpoints
{
    public static RouteGroupBuilder MapMPay(this IEndpointRouteBuilder sandbox)
    {
        var mpay = sandbox.MapGroup("/mpay").WithFaults("mpay");

        mpay.MapPost("/organizations/{tenant}/debtpositions", (string tenant, bool? toPublish, HttpRequest http, JsonObject? body, MPayLedger ledger) =>
            Answer(ledger.Create(tenant, http.Headers["Idempotency-Key"].FirstOrDefault(), body, toPublish ?? false)));
        mpay.MapGet("/organizations/{tenant}/debtpositions/{iupd}", (string tenant, string iupd, MPayLedger ledger) =>
            Answer(ledger.Get(tenant, iupd)));
        mpay.MapPost("/organizations/{tenant}/debtpositions/{iupd}/publish", (string tenant, string iupd, MPayLedger ledger) =>
            Answer(ledger.Publish(tenant, iupd)));
        mpay.MapPost("/organizations/{tenant}/debtpositions/{iupd}/invalidate", (string tenant, string iupd, MPayLedger ledger) =>
            Answer(ledger.Invalidate(tenant, iupd)));
        mpay.MapGet("/avvisi/{noticeNumber}", (string noticeNumber, MPayLedger ledger) =>
            Answer(ledger.FindNotice(noticeNumber))).AsSandboxControl();
        mpay.MapPost("/avvisi/{noticeNumber}/pay", (string noticeNumber, MPayLedger ledger, ReceiptDispatcher receipts) =>
        {
            var outcome = ledger.Pay(noticeNumber);
            if (outcome is MPayLedger.Paid paid) receipts.Enqueue(paid.Receipt.DeepClone().AsObject());
            return Answer(outcome);
        }).AsSandboxControl();
        mpay.MapGet("/callbacks", (ReceiptDispatcher receipts) => Results.Ok(receipts.Deliveries)).AsSandboxControl();
        return mpay;
    }

    private static IResult Answer(MPayLedger.Outcome outcome) => outcome switch
    {
        MPayLedger.Created c => Results.Json(c.Position, statusCode: StatusCodes.Status201Created),
        MPayLedger.Replayed r => Results.Json(r.Position, statusCode: StatusCodes.Status201Created),
        MPayLedger.Found f => Results.Json(f.Position),
        MPayLedger.Paid p => Results.Json(p.Receipt),
        MPayLedger.Refused refused => Results.Problem(refused.Detail, statusCode: refused.Status),
        _ => Results.Problem("unexpected outcome", statusCode: StatusCodes.Status500InternalServerError),
    };
}
