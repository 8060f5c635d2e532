namespace Sys2.Invoices.Tests.Support;

/// <summary>
/// Invoice bodies for the liquidation checks: the first official sample's (one line of 5.00 at 22%, VAT 1.10, paid
/// 6.10) and variations of it, each test changing only what it is about.
/// </summary>
public static class Bodies
{
    public static InvoiceBody Sample { get; } = InvoiceFiles.Read(Fixtures.Sample("IT01234567890_FPA01.xml"), "FPA01.xml").Document!.Bodies[0];

    /// <summary>One line and its summary at <paramref name="rate"/>%, taxable <paramref name="taxableCents"/>, the tax computed, paid in full.</summary>
    public static InvoiceBody Of(long taxableCents, decimal rate = 22m, string? esigibilita = "I", string? natura = null)
    {
        var tax = Amounts.Cents(taxableCents * rate / 10_000m);
        return Sample with
        {
            Lines = [new InvoiceLine(1, "SERVIZIO", 1m, null, taxableCents / 100m, taxableCents / 100m, rate, natura, false)],
            VatSummaries = [new VatSummary(rate, natura, taxableCents, tax, esigibilita, null)],
            SplitPayment = esigibilita == EsigibilitaIva.SplitPayment,
            Payments = [new PaymentInstalment(new DateOnly(2026, 4, 30), esigibilita == EsigibilitaIva.SplitPayment ? taxableCents : taxableCents + tax, "MP05", "IT60X0542811101000000123456")],
        };
    }
}
