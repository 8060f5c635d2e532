namespace Sys2.Invoices;

/// <summary>
/// Indicatore di tempestività dei pagamenti (ITP, DPCM 22/9/2014 art. 9): for the invoices paid in a period, the
/// days from due date to payment weighted by the amount paid, Σ(days × amount) / Σ amount; negative when the entity
/// pays early on average. Published each quarter with the stock of debts past due and unpaid at its end (art. 33
/// d.lgs. 33/2013).
/// </summary>
public static class PaymentTimeliness
{
    public static TimelinessReport Compute(IEnumerable<PayableInvoice> invoices, Quarter quarter)
    {
        var all = invoices.ToList();
        var paid = all.Where(i => i.PaidOn is { } on && quarter.Contains(on)).ToList();
        var paidCents = paid.Sum(i => i.AmountCents);
        decimal? indicator = paidCents == 0
            ? null
            : Math.Round(paid.Sum(i => (decimal)(i.PaidOn!.Value.DayNumber - i.DueDate.DayNumber) * i.AmountCents) / paidCents, 2, MidpointRounding.AwayFromZero);

        // Past due at the end of the quarter: due on or before its last day and not paid by then.
        var overdue = all.Where(i => i.DueDate <= quarter.LastDay && (i.PaidOn is null || i.PaidOn > quarter.LastDay)).ToList();
        return new TimelinessReport(quarter, indicator, paid.Count, paidCents, overdue.Count, overdue.Sum(i => i.AmountCents));
    }
}

/// <summary>One invoice the entity owes: how much, when it falls due, when (if yet) it was paid.</summary>
/// <param name="DueDate">The due date: the invoice's DataScadenzaPagamento, or 30 days from receipt (d.lgs. 231/2002).</param>
public sealed record PayableInvoice(string Reference, long AmountCents, DateOnly DueDate, DateOnly? PaidOn);

/// <summary>A calendar quarter, 1 to 4.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, 3 * Number - 2, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month + 2) / 3);

    public override string ToString() => $"{Year} Q{Number}";

    /// <summary><c>2026Q3</c>, <c>2026-Q3</c> or <c>2026 Q3</c>.</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var t = (text ?? "").Replace("-", "").Replace(" ", "").ToUpperInvariant();
        if (t.Length != 6 || t[4] != 'Q' || !int.TryParse(t[..4], System.Globalization.CultureInfo.InvariantCulture, out var year) || t[5] is < '1' or > '4')
            return false;
        quarter = new Quarter(year, t[5] - '0');
        return true;
    }
}

/// <param name="Indicator">Days, two decimals; null when nothing was paid in the quarter.</param>
/// <param name="OverdueDebtCents">The stock of debts past due and unpaid at the quarter's end.</param>
public sealed record TimelinessReport(Quarter Quarter, decimal? Indicator, int PaidCount, long PaidCents, int OverdueCount, long OverdueDebtCents);
