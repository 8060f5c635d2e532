namespace Sys2.Invoices.Tests.Timeliness;

public class when_the_payment_timeliness_indicator_is_computed
{
    private static readonly Quarter FirstOf2026 = new(2026, 1);

    // Worked by hand, amounts in euro, first quarter of 2026 (1 January - 31 March):
    //   A 1,000.00 due 10/01, paid 20/01: +10 days × 1,000 = +10,000
    //   B 3,000.00 due 28/02, paid 18/02: -10 days × 3,000 = -30,000  (paid early)
    //   C   500.00 due 01/03, paid 31/03: +30 days ×   500 = +15,000
    //   paid in the quarter: 4,500.00; Σ days × amount = -5,000; ITP = -5,000 / 4,500 = -1.111... = -1.11 days
    //   D 2,000.00 due 15/03, unpaid             : past due at 31/03
    //   E   700.00 due 31/03, paid 02/04          : past due at 31/03 (paid in the next quarter)
    //   F   400.00 due 15/04, unpaid             : not yet due
    //   G   900.00 due 01/12/2025, paid 20/12/2025: the previous quarter's
    //   debt past due at the end of the quarter: D + E = 2,700.00
    private static readonly PayableInvoice[] Invoices =
    [
        new("A", 100_000, new DateOnly(2026, 1, 10), new DateOnly(2026, 1, 20)),
        new("B", 300_000, new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 18)),
        new("C", 50_000, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)),
        new("D", 200_000, new DateOnly(2026, 3, 15), null),
        new("E", 70_000, new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 2)),
        new("F", 40_000, new DateOnly(2026, 4, 15), null),
        new("G", 90_000, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 20)),
    ];

    [Fact]
    public void the_indicator_weighs_the_days_late_by_the_amounts_paid_in_the_quarter()
    {
        var report = PaymentTimeliness.Compute(Invoices, FirstOf2026);

        report.Indicator.ShouldBe(-1.11m);
        report.PaidCount.ShouldBe(3);
        report.PaidCents.ShouldBe(450_000);
    }

    [Fact]
    public void the_debt_past_due_and_unpaid_at_the_quarters_end_is_counted()
    {
        var report = PaymentTimeliness.Compute(Invoices, FirstOf2026);

        report.OverdueCount.ShouldBe(2);
        report.OverdueDebtCents.ShouldBe(270_000);
    }

    [Fact]
    public void the_next_quarter_sees_e_paid_two_days_late_and_d_still_owed()
    {
        // Q2: only E is paid (2 days late, 700.00): ITP = 2 × 700 / 700 = 2.00. Past due at 30/06: D 2,000 and F 400.
        var report = PaymentTimeliness.Compute(Invoices, new Quarter(2026, 2));

        report.Indicator.ShouldBe(2.00m);
        report.OverdueDebtCents.ShouldBe(240_000);
    }

    [Fact]
    public void a_quarter_with_no_payments_has_no_indicator()
    {
        PaymentTimeliness.Compute(Invoices, new Quarter(2025, 3)).Indicator.ShouldBeNull();
    }

    [Theory]
    [InlineData(2026, 1, 1, 1)]
    [InlineData(2026, 3, 31, 1)]
    [InlineData(2026, 4, 1, 2)]
    [InlineData(2026, 12, 31, 4)]
    public void a_day_falls_in_its_calendar_quarter(int year, int month, int day, int quarter)
    {
        Quarter.Of(new DateOnly(year, month, day)).ShouldBe(new Quarter(year, quarter));
    }

    [Fact]
    public void a_quarter_runs_from_its_first_to_its_last_day()
    {
        new Quarter(2024, 1).LastDay.ShouldBe(new DateOnly(2024, 3, 31));
        new Quarter(2024, 4).FirstDay.ShouldBe(new DateOnly(2024, 10, 1));
        new Quarter(2024, 4).LastDay.ShouldBe(new DateOnly(2024, 12, 31));
    }
}
