using Marten;
using Sys2.Host.Access;
using Sys2.Host.Integrations;

namespace Sys2.Host.Features.Operators;

/// <summary>
/// The payments no case took (<see cref="UnmatchedPayment"/>), beside the incidents: an operator of the entity lists them
/// (open ones by default, <c>?open=false</c> for every one) and marks one handled with a note saying what she did. The
/// same <see cref="UnmatchedPayments"/> serves the operator's page (<c>/operatore/pagamenti</c>).
/// </summary>
public static class UnmatchedPaymentsEndpoint
{
    public const string Path = "/api/payments/unmatched";

    public sealed record HandleRequest(string Note);

    public static void MapUnmatchedPayments(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (string? entity, bool? open, int? take, Caller caller, IDocumentStore store, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.HandleIncidents);
            if (!access.Allowed) return access.Refusal!;
            await using var session = store.QuerySession(access.Tenant);
            return Results.Ok(await UnmatchedPayments.ListAsync(session, [access.Tenant], open ?? true, Math.Clamp(take ?? 100, 1, 500), ct));
        }).Produces<IReadOnlyList<UnmatchedPayment>>();

        app.MapPost($"{Path}/{{receiptId}}/handle", async (string receiptId, string? entity, HandleRequest body, Caller caller, IDocumentStore store,
            TimeProvider clock, CancellationToken ct) =>
        {
            var access = caller.In(entity, Permission.HandleIncidents);
            if (access.Actor is not { } actor) return access.Refusal!;
            var (status, payment) = await UnmatchedPayments.HandleAsync(store, access.Tenant, receiptId, actor, body.Note, clock.GetUtcNow(), ct);
            return status switch
            {
                UnmatchedPayments.HandleStatus.Handled => Results.Ok(payment),
                UnmatchedPayments.HandleStatus.NoNote => Results.Problem("say what was done with the payment: a note of at most 4000 characters",
                    statusCode: StatusCodes.Status400BadRequest, title: "Note required"),
                UnmatchedPayments.HandleStatus.AlreadyHandled => Results.Problem(
                    $"already handled by {payment!.Handled!.Name} on {payment.Handled.At:O}", statusCode: StatusCodes.Status409Conflict, title: "Already handled"),
                _ => Access.Access.Hidden(receiptId).Refusal!,
            };
        }).Produces<UnmatchedPayment>();
    }
}
