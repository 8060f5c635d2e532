using Marten;
using Sys2.Integrations.MPay;
using Sys2.Workflows.Definitions.Inputs;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Integrations;

/// <summary>
/// A payment MPay reports (a receipt delivered, or a PAID position found by <see cref="PaymentReconciliation"/>) that no
/// case took: the avviso is not the one the case waits for, the case waits for no payment, or it closed as the payer paid.
/// The money was paid, so the receipt is kept in the entity for an operator to match by hand (a refund, a case opened
/// again), never dropped: it is open until an operator marks it handled, with her note (<see cref="Handled"/>).
/// One document per receipt (<see cref="Id"/> is MPay's receipt id).
/// </summary>
public sealed record UnmatchedPayment(
    string Id, string CaseId, string Iupd, string NoticeNumber, string Iuv, long Amount, DateTimeOffset PaidAt,
    string Reason, string Source, DateTimeOffset RecordedAt)
{
    /// <summary>The entity (tenant) the payment was made to: Marten's tenant of the document (MartenSetup), so one list can span entities.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Who marked it handled, when (engine's clock) and what she did about it; null while it waits for an operator.</summary>
    public PaymentHandling? Handled { get; init; }

    public bool IsOpen => Handled is null;
}

/// <summary>An operator's record that she dealt with an unmatched payment: her user id and name, the moment, her note.</summary>
public sealed record PaymentHandling(string By, string Name, DateTimeOffset At, string Note);

public static class UnmatchedPayments
{
    /// <summary>What came of marking a payment handled.</summary>
    public enum HandleStatus { Handled, NotFound, AlreadyHandled, NoNote }

    /// <param name="source"><c>callback</c> or <c>reconciliation</c>: how the payment reached the host.</param>
    /// <remarks>
    /// The same receipt reported again (the daily reconciliation of a case that still waits, a host restarted) keeps the
    /// first record: when it was first seen, and above all an operator's handling, which a new report must not reopen.
    /// </remarks>
    public static async Task RecordAsync(IDocumentStore store, PaymentReceipt receipt, string reason, string source, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(receipt.Tenant);
        if (await session.LoadAsync<UnmatchedPayment>(receipt.ReceiptId, ct) is not null) return;
        session.Store(new UnmatchedPayment(receipt.ReceiptId, receipt.CaseId ?? "", receipt.Iupd, receipt.NoticeNumber.Value, receipt.Iuv.Value,
            receipt.Amount, receipt.PaidAt, reason, source, now) { Tenant = receipt.Tenant.ToUpperInvariant() });
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Every unmatched payment of one entity, the oldest first.</summary>
    public static async Task<IReadOnlyList<UnmatchedPayment>> OfAsync(IDocumentStore store, string tenant, CancellationToken ct = default)
    {
        await using var session = store.QuerySession(tenant);
        return [.. await session.Query<UnmatchedPayment>().OrderBy(p => p.RecordedAt).ToListAsync(ct)];
    }

    /// <summary>
    /// The unmatched payments of the entities an operator keeps, the oldest first: open ones only, or every one.
    /// One query over the entities she may act for, never any other, as <see cref="Views.IncidentViews"/> does.
    /// </summary>
    /// <param name="tenants">The entities to look in; null: every entity (an operator of the whole aggregation).</param>
    public static async Task<IReadOnlyList<UnmatchedPayment>> ListAsync(IQuerySession session, IReadOnlyList<string>? tenants, bool openOnly, int take,
        CancellationToken ct = default)
    {
        var query = In(session, tenants);
        if (openOnly) query = query.Where(p => p.Handled == null);
        return [.. await query.OrderBy(p => p.RecordedAt).Take(take).ToListAsync(ct)];
    }

    /// <summary>How many payments of these entities wait for an operator (null: every entity), for the incidents page to point at them.</summary>
    public static Task<int> CountOpenAsync(IQuerySession session, IReadOnlyList<string>? tenants, CancellationToken ct = default) =>
        In(session, tenants).Where(p => p.Handled == null).CountAsync(ct);

    /// <summary>The unmatched payments of these entities (null: every entity), in one query across tenants.</summary>
    private static IQueryable<UnmatchedPayment> In(IQuerySession session, IReadOnlyList<string>? tenants) =>
        tenants is null
            ? session.Query<UnmatchedPayment>().Where(p => p.AnyTenant())
            : session.Query<UnmatchedPayment>().Where(p => p.TenantIsOneOf(tenants.ToArray()));

    /// <summary>
    /// Marks one payment of <paramref name="tenant"/> handled by <paramref name="by"/>, with her note (what she did: a refund
    /// asked for, the case it belongs to). A payment handled already keeps its first handling: the note is the record of
    /// what was done, and a second operator's click must not rewrite it.
    /// </summary>
    public static async Task<(HandleStatus Status, UnmatchedPayment? Payment)> HandleAsync(IDocumentStore store, string tenant, string receiptId, Actor by,
        string? note, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note) || note.Length > TextLimits.FreeText) return (HandleStatus.NoNote, null);
        await using var session = store.LightweightSession(tenant);
        if (await session.LoadAsync<UnmatchedPayment>(receiptId, ct) is not { } payment) return (HandleStatus.NotFound, null);
        if (payment.Handled is not null) return (HandleStatus.AlreadyHandled, payment);
        var handled = payment with { Handled = new PaymentHandling(by.User, by.Name ?? by.User, now, note.Trim()) };
        session.Store(handled);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // Another operator saved her handling between our read and our write (optimistic concurrency): hers stands.
            await using var again = store.QuerySession(tenant);
            return (HandleStatus.AlreadyHandled, await again.LoadAsync<UnmatchedPayment>(receiptId, ct));
        }
        return (HandleStatus.Handled, handled);
    }
}
