using Marten;
using Sys2.Integrations.MPay;

namespace Sys2.Host.Integrations;

/// <summary>
/// A payment MPay reports (a receipt delivered, or a PAID position found by <see cref="PaymentReconciliation"/>) that no
/// case took: the avviso is not the one the case waits for, or the case waits for no payment. The money was paid, so the
/// receipt is kept in the entity for an operator to match by hand (a refund, a case opened again), never dropped.
/// One document per receipt: the same receipt reported again replaces it.
/// </summary>
public sealed record UnmatchedPayment(
    string Id, string CaseId, string Iupd, string NoticeNumber, string Iuv, long Amount, DateTimeOffset PaidAt,
    string Reason, string Source, DateTimeOffset RecordedAt);

public static class UnmatchedPayments
{
    /// <param name="source"><c>callback</c> or <c>reconciliation</c>: how the payment reached the host.</param>
    public static async Task RecordAsync(IDocumentStore store, PaymentReceipt receipt, string reason, string source, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(receipt.Tenant);
        session.Store(new UnmatchedPayment(receipt.ReceiptId, receipt.CaseId ?? "", receipt.Iupd, receipt.NoticeNumber.Value, receipt.Iuv.Value,
            receipt.Amount, receipt.PaidAt, reason, source, now));
        await session.SaveChangesAsync(ct);
    }

    public static async Task<IReadOnlyList<UnmatchedPayment>> OfAsync(IDocumentStore store, string tenant, CancellationToken ct = default)
    {
        await using var session = store.QuerySession(tenant);
        return [.. await session.Query<UnmatchedPayment>().OrderBy(p => p.RecordedAt).ToListAsync(ct)];
    }
}
