namespace Sys2.Invoices.Tests.Reading;

/// <summary>The three official samples, their values checked by hand against the XML.</summary>
public class when_an_official_sample_is_read
{
    [Fact]
    public void the_single_invoice_sample_gives_its_header_and_body()
    {
        var reading = InvoiceFiles.Read(Fixtures.Sample("IT01234567890_FPA01.xml"), "IT01234567890_FPA01.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        var document = reading.Document!;
        document.Version.ShouldBe("FPA12");
        document.CodiceDestinatario.ShouldBe("AAAAAA");
        document.ProgressivoInvio.ShouldBe("00001");
        document.Supplier.ShouldBe(new InvoiceParty("IT", "01234567890", null, "ALPHA SRL"));
        document.Customer.ShouldBe(new InvoiceParty("IT", null, "09876543210", "AMMINISTRAZIONE BETA"));
        var body = document.Bodies.ShouldHaveSingleItem();
        body.Position.ShouldBe(1);
        body.DocumentType.ShouldBe("TD01");
        body.Currency.ShouldBe("EUR");
        body.Date.ShouldBe(new DateOnly(2017, 1, 18));
        body.Number.ShouldBe("123");
        body.TotalCents.ShouldBeNull();
        body.Cig.ShouldBe(["456def"]);
        body.Cup.ShouldBe(["123abc"]);
        body.SplitPayment.ShouldBeFalse();
        body.Lines.ShouldBe([new InvoiceLine(1, "DESCRIZIONE DELLA FORNITURA", 5.00m, null, 1.00m, 5.00m, 22.00m, null, false)]);
        body.VatSummaries.ShouldBe([new VatSummary(22.00m, null, 500, 110, "I", null)]);
        body.Payments.ShouldBe([new PaymentInstalment(new DateOnly(2017, 2, 18), 610, "MP01", null)]);
    }
}
