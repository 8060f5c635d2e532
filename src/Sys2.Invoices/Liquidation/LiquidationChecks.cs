using System.Globalization;

namespace Sys2.Invoices;

/// <summary>
/// Before the entity pays an accepted invoice (liquidazione, art. 184 TUEL): are the contract codes there, do the
/// totals add up, and how much goes to whom. Each failed check is one problem naming the element and the numbers.
/// </summary>
public static class LiquidationChecks
{
    /// <summary>Art. 48-bis DPR 602/1973 as amended by L. 205/2017: payments over €5,000 need the check.</summary>
    public const long AgenziaRiscossioneThresholdCents = 500_000;

    public static IReadOnlyList<InvoiceProblem> Check(InvoiceBody body, LiquidationRules rules) => Assess(body, rules).Problems;

    /// <summary>What the supplier is paid: the total, less the VAT the entity pays to the State, less the withholding.</summary>
    public static long PayableToSupplierCents(InvoiceBody body) =>
        TotalOf(body) - VatToState(body) - (body.WithholdingCents ?? 0);

    public static LiquidationAssessment Assess(InvoiceBody body, LiquidationRules rules)
    {
        var problems = new List<InvoiceProblem>();
        void Fail(string code, string element, string message) => problems.Add(new InvoiceProblem(code, message, element, null, null));

        if (body.Currency != "EUR")
            Fail(InvoiceProblemCodes.CurrencyNotEuro, "DatiGeneraliDocumento/Divisa",
                $"DatiGeneraliDocumento/Divisa is '{body.Currency}': amounts are checked and paid in EUR only");
        if (rules.RequireCig && body.Cig.Count == 0)
            Fail(InvoiceProblemCodes.CigMissing, "DatiGenerali/*/CodiceCIG",
                "CodiceCIG is missing: the contract requires one (DatiOrdineAcquisto, DatiContratto, DatiConvenzione or DatiRicezione)");
        if (rules.RequireCup && body.Cup.Count == 0)
            Fail(InvoiceProblemCodes.CupMissing, "DatiGenerali/*/CodiceCUP",
                "CodiceCUP is missing: the project requires one (DatiOrdineAcquisto, DatiContratto, DatiConvenzione or DatiRicezione)");

        foreach (var summary in body.VatSummaries)
        {
            var lines = body.Lines.Where(l => l.VatRate == summary.VatRate && l.Natura == summary.Natura).ToList();
            var taxable = Amounts.Cents(lines.Sum(l => l.TotalPrice) + (summary.Rounding ?? 0));
            if (Math.Abs(taxable - summary.TaxableCents) > rules.TaxableToleranceCents)
                Fail(InvoiceProblemCodes.TaxableMismatch, "DatiRiepilogo/ImponibileImporto",
                    $"DatiRiepilogo {Rate(summary)}: ImponibileImporto {Amounts.Euro(summary.TaxableCents)} differs from the sum of "
                    + $"{lines.Count} line(s)' PrezzoTotale {Amounts.Euro(taxable)} by more than {Amounts.Euro(rules.TaxableToleranceCents)}");

            var tax = Amounts.Cents(summary.TaxableCents * summary.VatRate / 10_000m);
            if (Math.Abs(tax - summary.TaxCents) > rules.TaxToleranceCents)
                Fail(InvoiceProblemCodes.TaxMismatch, "DatiRiepilogo/Imposta",
                    $"DatiRiepilogo {Rate(summary)}: Imposta {Amounts.Euro(summary.TaxCents)} is not ImponibileImporto "
                    + $"{Amounts.Euro(summary.TaxableCents)} × {Percent(summary.VatRate)} = {Amounts.Euro(tax)}");
        }
        foreach (var line in body.Lines.Where(l => !body.VatSummaries.Any(s => s.VatRate == l.VatRate && s.Natura == l.Natura)))
            Fail(InvoiceProblemCodes.TaxableMismatch, "DettaglioLinee/AliquotaIVA",
                $"DettaglioLinee {line.Number}: AliquotaIVA {Percent(line.VatRate)}{(line.Natura is null ? "" : $" Natura {line.Natura}")} has no DatiRiepilogo");

        var computed = ComputedTotal(body);
        if (body.TotalCents is { } declared && declared != computed && declared != computed + (body.StampDutyCents ?? 0))
            Fail(InvoiceProblemCodes.TotalMismatch, "DatiGeneraliDocumento/ImportoTotaleDocumento",
                $"DatiGeneraliDocumento/ImportoTotaleDocumento {Amounts.Euro(declared)} is not Σ ImponibileImporto + Σ Imposta"
                + $"{(body.RoundingCents is null ? "" : " + Arrotondamento")} = {Amounts.Euro(computed)}"
                + (body.StampDutyCents is { } stamp ? $" (nor {Amounts.Euro(computed + stamp)} with the stamp duty)" : ""));

        CheckWithholdings(body, rules, Fail);
        CheckStampDuty(body, Fail);

        var payable = PayableToSupplierCents(body);
        if (body.Payments.Count > 0 && body.Payments.Sum(p => p.AmountCents) is var scheduled && scheduled != payable)
            Fail(InvoiceProblemCodes.PaymentMismatch, "DettaglioPagamento/ImportoPagamento",
                $"DettaglioPagamento/ImportoPagamento adds up to {Amounts.Euro(scheduled)}, but {Amounts.Euro(payable)} is payable to the supplier"
                + (body.SplitPayment ? " (split payment: the VAT goes to the State)" : "")
                + (body.WithholdingCents is { } w ? $" (less the withholding of {Amounts.Euro(w)})" : ""));

        var above = payable > AgenziaRiscossioneThresholdCents;
        if (above && !rules.AgenziaRiscossioneVerified)
            Fail(InvoiceProblemCodes.AgenziaRiscossioneCheck, "ImportoPagamento",
                $"the payment of {Amounts.Euro(payable)} is over {Amounts.Euro(AgenziaRiscossioneThresholdCents)}: "
                + "verify with Agenzia delle Entrate-Riscossione first (art. 48-bis DPR 602/1973)");

        return new LiquidationAssessment(problems, TotalOf(body), VatToState(body), body.WithholdingCents ?? 0, body.StampDutyCents, payable, above);
    }

    /// <summary>
    /// Each DatiRitenuta is its rate of the lines marked Ritenuta SI. (A withholding on a cassa previdenziale's
    /// contribution, DatiCassaPrevidenziale/Ritenuta, is not counted in that base here.)
    /// </summary>
    private static void CheckWithholdings(InvoiceBody body, LiquidationRules rules, Action<string, string, string> fail)
    {
        if (body.Withholdings.Count == 0) return;
        var lines = body.Lines.Where(l => l.Withholding).ToList();
        if (lines.Count == 0)
        {
            fail(InvoiceProblemCodes.WithholdingMismatch, "DettaglioLinee/Ritenuta",
                "DatiRitenuta is present but no DettaglioLinee has Ritenuta SI: the withholding has no base");
            return;
        }
        var basis = lines.Sum(l => l.TotalPrice);
        foreach (var withholding in body.Withholdings)
        {
            var expected = Amounts.Cents(basis * withholding.Rate / 100m);
            if (Math.Abs(expected - withholding.AmountCents) > rules.WithholdingToleranceCents)
                fail(InvoiceProblemCodes.WithholdingMismatch, "DatiRitenuta/ImportoRitenuta",
                    $"DatiRitenuta {withholding.Type}: ImportoRitenuta {Amounts.Euro(withholding.AmountCents)} is not "
                    + $"{Percent(withholding.Rate)} of the {lines.Count} line(s) with Ritenuta SI ({basis.ToString("0.00######", CultureInfo.InvariantCulture)}) = {Amounts.Euro(expected)}");
        }
    }

    /// <summary>
    /// Amounts without VAT over €77.47 need the €2.00 stamp. Natura N1-N5 (excluded, out of scope, non-taxable, exempt,
    /// margin scheme) count; N6 (reverse charge) and N7 (VAT paid in another EU state) are VAT operations and do not.
    /// </summary>
    private static void CheckStampDuty(InvoiceBody body, Action<string, string, string> fail)
    {
        var withoutVat = body.VatSummaries
            .Where(s => s.VatRate == 0 && s.Natura is { } natura && !natura.StartsWith("N6", StringComparison.Ordinal) && natura != "N7")
            .Sum(s => s.TaxableCents);
        if (withoutVat > StampDuty.ThresholdCents && body.StampDutyCents is null)
            fail(InvoiceProblemCodes.StampDutyMissing, "DatiGeneraliDocumento/DatiBollo",
                $"DatiGeneraliDocumento/DatiBollo is missing: {Amounts.Euro(withoutVat)} without VAT is over "
                + $"{Amounts.Euro(StampDuty.ThresholdCents)}, the €2.00 stamp duty is due (DPR 642/1972)");
    }

    private static long ComputedTotal(InvoiceBody body) =>
        body.VatSummaries.Sum(s => s.TaxableCents + s.TaxCents) + (body.RoundingCents ?? 0);

    private static long TotalOf(InvoiceBody body) => body.TotalCents ?? ComputedTotal(body);

    private static long VatToState(InvoiceBody body) =>
        body.VatSummaries.Where(s => s.Esigibilita == EsigibilitaIva.SplitPayment).Sum(s => s.TaxCents);

    private static string Rate(VatSummary summary) =>
        $"AliquotaIVA {Percent(summary.VatRate)}{(summary.Natura is null ? "" : $" Natura {summary.Natura}")}";

    private static string Percent(decimal rate) => rate.ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
