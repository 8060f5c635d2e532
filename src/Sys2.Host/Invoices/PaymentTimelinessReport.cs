using System.Globalization;
using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Views;
using Sys2.Invoices;

namespace Sys2.Host.Invoices;

/// <summary>
/// The indicator of payment timeliness (ITP, DPCM 22/9/2014 art. 9) of one entity for one quarter,
/// computed from its invoice cases, so an entity can check its own figure: each invoice owed (not
/// rejected) with the amount due to the supplier, its due date (the supplier's DataScadenzaPagamento,
/// else the case's <c>payment</c> term: 30 days from receipt, D.Lgs. 231/2002 art. 4) and the date of
/// its payment order.
/// </summary>
public static class PaymentTimelinessReport
{
    public sealed record Line(string CaseId, long AmountCents, DateOnly DueDate, DateOnly? PaidOn);

    public sealed record Report(string Entity, TimelinessReport Timeliness, IReadOnlyList<Line> Invoices);

    public static async Task<Report> ForAsync(IQuerySession session, string tenant, Quarter quarter, CancellationToken ct)
    {
        var cases = await session.Query<CaseSummary>().Where(c => c.State.DefinitionId == InvoiceIngest.DefinitionId).ToListAsync(ct);
        return Of(tenant, cases.Select(c => c.State), quarter);
    }

    /// <summary>The report of one entity's invoice cases (their folded states), however they were read: one entity's or the lead partner's query.</summary>
    public static Report Of(string tenant, IEnumerable<Sys2.Workflows.Runtime.CaseState> invoiceCases, Quarter quarter)
    {
        var lines = invoiceCases.Select(LineOf).OfType<Line>().ToList();
        var report = PaymentTimeliness.Compute(lines.Select(l => new PayableInvoice(l.CaseId, l.AmountCents, l.DueDate, l.PaidOn)), quarter);
        return new Report(tenant, report, lines.Where(l => l.DueDate <= quarter.LastDay || (l.PaidOn is { } p && quarter.Contains(p))).ToList());
    }

    /// <summary>What an invoice case owes and when; null for an invoice that is not owed (rejected, found not payable).</summary>
    public static Line? LineOf(Sys2.Workflows.Runtime.CaseState state)
    {
        if (state.Outcome == "archived") return null;
        var amount = Long(state.Inputs.GetValueOrDefault("payableAmount")) ?? Long(state.Inputs.GetValueOrDefault("amount"));
        var due = Date(state.Inputs.GetValueOrDefault("dueDate"))
                  ?? (state.Clocks.TryGetValue("payment", out var clock) && clock.DueAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);
        if (amount is null || due is null) return null;
        return new Line(state.CaseId, amount.Value, due.Value, Date(state.Variables.GetValueOrDefault("paymentDate")));
    }

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static DateOnly? Date(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
