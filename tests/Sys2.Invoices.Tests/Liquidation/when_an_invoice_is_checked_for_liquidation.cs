namespace Sys2.Invoices.Tests.Liquidation;

public class when_an_invoice_is_checked_for_liquidation
{
    private static IReadOnlyList<InvoiceProblem> Check(InvoiceBody body, LiquidationRules? rules = null) =>
        LiquidationChecks.Check(body, rules ?? LiquidationRules.Default);

    [Fact]
    public void the_official_sample_passes_and_pays_its_total_to_the_supplier()
    {
        Check(Bodies.Sample).ShouldBeEmpty();
        LiquidationChecks.PayableToSupplierCents(Bodies.Sample).ShouldBe(610);
    }

    [Fact]
    public void a_required_cig_that_is_missing_fails()
    {
        var body = Bodies.Sample with { Cig = [] };

        Check(body, new LiquidationRules { RequireCig = true }).ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.CigMissing);
        Check(body).ShouldBeEmpty();
    }

    [Fact]
    public void a_required_cup_that_is_missing_fails()
    {
        var body = Bodies.Sample with { Cup = [] };

        var problem = Check(body, new LiquidationRules { RequireCig = true, RequireCup = true }).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.CupMissing);
        problem.Message.ShouldStartWith("CodiceCUP is missing");
    }

    [Fact]
    public void a_taxable_amount_that_is_not_the_sum_of_its_lines_fails()
    {
        // Lines 5.00, summary 7.00 (tax 1.54 = 7.00 × 22%, so only the taxable amount is wrong): 2.00 off, over the €1 tolerance.
        var body = Bodies.Sample with { VatSummaries = [new VatSummary(22m, null, 700, 154, "I", null)], Payments = [] };

        var problem = Check(body).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.TaxableMismatch);
        problem.Message.ShouldBe("DatiRiepilogo AliquotaIVA 22.00%: ImponibileImporto 7.00 differs from the sum of 1 line(s)' PrezzoTotale 5.00 by more than 1.00");
    }

    [Fact]
    public void a_taxable_amount_within_the_rounding_tolerance_passes()
    {
        // Three lines of 0.333333 at 22%: 0.999999, summarised as 1.00 (tax 0.22).
        var line = new InvoiceLine(1, "X", 1m, null, 0.333333m, 0.333333m, 22m, null, false);
        var body = Bodies.Sample with { Lines = [line, line with { Number = 2 }, line with { Number = 3 }], VatSummaries = [new VatSummary(22m, null, 100, 22, "I", null)], Payments = [] };

        Check(body).ShouldBeEmpty();
    }

    [Fact]
    public void a_tax_that_is_not_the_rate_of_the_taxable_amount_fails()
    {
        var body = Bodies.Sample with { VatSummaries = [new VatSummary(22m, null, 500, 120, "I", null)], Payments = [] };

        var problem = Check(body).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.TaxMismatch);
        problem.Message.ShouldBe("DatiRiepilogo AliquotaIVA 22.00%: Imposta 1.20 is not ImponibileImporto 5.00 × 22.00% = 1.10");
    }

    [Fact]
    public void a_tax_one_cent_off_passes_for_the_rounding_direction()
    {
        Check(Bodies.Sample with { VatSummaries = [new VatSummary(22m, null, 500, 111, "I", null)], Payments = [] }).ShouldBeEmpty();
    }

    [Fact]
    public void a_line_whose_rate_has_no_summary_fails()
    {
        var body = Bodies.Sample with { Lines = [.. Bodies.Sample.Lines, new InvoiceLine(2, "LIBRO", 1m, null, 10m, 10m, 4m, null, false)] };

        Check(body).ShouldContain(p => p.Message == "DettaglioLinee 2: AliquotaIVA 4.00% has no DatiRiepilogo");
    }

    [Fact]
    public void a_declared_total_that_does_not_add_up_fails()
    {
        var problem = Check(Bodies.Sample with { TotalCents = 700 }).Single(p => p.Code == InvoiceProblemCodes.TotalMismatch);

        problem.Message.ShouldBe("DatiGeneraliDocumento/ImportoTotaleDocumento 7.00 is not Σ ImponibileImporto + Σ Imposta = 6.10");
    }

    [Fact]
    public void a_declared_total_including_the_stamp_duty_passes()
    {
        // 6.10 + the €2.00 bollo charged to the entity = 8.10, and 8.10 is what is paid.
        var body = Bodies.Sample with { TotalCents = 810, StampDutyCents = 200, Payments = [Bodies.Sample.Payments[0] with { AmountCents = 810 }] };

        Check(body).ShouldBeEmpty();
    }

    [Fact]
    public void split_payment_pays_only_the_taxable_amount_to_the_supplier()
    {
        // 1,000.00 at 22%: 220.00 VAT to the State, 1,000.00 to the supplier.
        var body = Bodies.Of(100_000, esigibilita: EsigibilitaIva.SplitPayment);

        var assessment = LiquidationChecks.Assess(body, LiquidationRules.Default);

        assessment.Problems.ShouldBeEmpty();
        assessment.TotalCents.ShouldBe(122_000);
        assessment.VatToStateCents.ShouldBe(22_000);
        assessment.AmountToSupplierCents.ShouldBe(100_000);
        LiquidationChecks.PayableToSupplierCents(body).ShouldBe(100_000);
    }

    [Fact]
    public void split_payment_with_instalments_of_the_whole_total_fails()
    {
        var body = Bodies.Of(100_000, esigibilita: EsigibilitaIva.SplitPayment);
        body = body with { Payments = [body.Payments[0] with { AmountCents = 122_000 }] };

        var problem = Check(body).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.PaymentMismatch);
        problem.Message.ShouldBe("DettaglioPagamento/ImportoPagamento adds up to 1220.00, but 1000.00 is payable to the supplier (split payment: the VAT goes to the State)");
    }

    [Fact]
    public void a_withholding_is_deducted_from_what_the_supplier_is_paid()
    {
        // A professional's fee of 1,000.00 at 22% (VAT 220.00), 20% withheld on the fee: 200.00; 1,020.00 to the professional.
        var body = Bodies.Of(100_000);
        body = body with
        {
            Lines = [body.Lines[0] with { Withholding = true }],
            Withholdings = [new Withholding("RT01", 20_000, 20m)],
            WithholdingCents = 20_000,
            Payments = [body.Payments[0] with { AmountCents = 102_000 }],
        };

        Check(body).ShouldBeEmpty();
        LiquidationChecks.PayableToSupplierCents(body).ShouldBe(102_000);
    }

    [Fact]
    public void a_withholding_that_is_not_its_rate_of_the_lines_fails()
    {
        var body = Bodies.Of(100_000);
        body = body with
        {
            Lines = [body.Lines[0] with { Withholding = true }],
            Withholdings = [new Withholding("RT01", 15_000, 20m)],
            WithholdingCents = 15_000,
            Payments = [body.Payments[0] with { AmountCents = 107_000 }],
        };

        var problem = Check(body).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.WithholdingMismatch);
        problem.Message.ShouldBe("DatiRitenuta RT01: ImportoRitenuta 150.00 is not 20.00% of the 1 line(s) with Ritenuta SI (1000.00) = 200.00");
    }

    [Fact]
    public void a_withholding_without_lines_marked_for_it_fails()
    {
        var body = Bodies.Of(100_000) with { Withholdings = [new Withholding("RT01", 20_000, 20m)], WithholdingCents = 20_000 };

        Check(body).ShouldContain(p => p.Code == InvoiceProblemCodes.WithholdingMismatch && p.Message.StartsWith("DatiRitenuta is present but no DettaglioLinee has Ritenuta SI"));
    }

    [Fact]
    public void an_exempt_amount_over_77_47_without_the_stamp_duty_fails()
    {
        var body = Bodies.Of(7_748, rate: 0m, natura: "N4");

        var problem = Check(body).ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.StampDutyMissing);
        problem.Message.ShouldBe("DatiGeneraliDocumento/DatiBollo is missing: 77.48 without VAT is over 77.47, the €2.00 stamp duty is due (DPR 642/1972)");
    }

    [Theory]
    [InlineData(7_747, "N4", null)]
    [InlineData(7_748, "N4", 200L)]
    [InlineData(100_000, "N6.3", null)]
    public void the_stamp_duty_is_not_asked_when_it_is_not_due_or_is_there(long taxableCents, string natura, long? stamp)
    {
        Check(Bodies.Of(taxableCents, rate: 0m, natura: natura) with { StampDutyCents = stamp }).ShouldBeEmpty();
    }

    [Fact]
    public void a_payment_over_five_thousand_euro_needs_the_agenzia_riscossione_check()
    {
        var body = Bodies.Of(500_000); // 5,000.00 + 1,100.00 VAT = 6,100.00

        var assessment = LiquidationChecks.Assess(body, LiquidationRules.Default);

        assessment.AboveAgenziaRiscossioneThreshold.ShouldBeTrue();
        assessment.Problems.ShouldHaveSingleItem().Message.ShouldBe(
            "the payment of 6100.00 is over 5000.00: verify with Agenzia delle Entrate-Riscossione first (art. 48-bis DPR 602/1973)");
        LiquidationChecks.Check(body, new LiquidationRules { AgenziaRiscossioneVerified = true }).ShouldBeEmpty();
    }

    [Fact]
    public void a_payment_of_exactly_five_thousand_euro_does_not()
    {
        // Split payment: 5,000.00 to the supplier, the VAT to the State.
        LiquidationChecks.Assess(Bodies.Of(500_000, esigibilita: EsigibilitaIva.SplitPayment), LiquidationRules.Default)
            .AboveAgenziaRiscossioneThreshold.ShouldBeFalse();
    }

    [Fact]
    public void an_invoice_not_in_euro_fails()
    {
        Check(Bodies.Sample with { Currency = "USD" }).ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.CurrencyNotEuro);
    }
}
