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

public class when_the_second_official_sample_is_read
{
    [Fact]
    public void its_two_lines_and_deferred_vat_are_read()
    {
        var reading = InvoiceFiles.Read(Fixtures.Sample("IT01234567890_FPA02.xml"), "IT01234567890_FPA02.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        var body = reading.Document!.Bodies.ShouldHaveSingleItem();
        body.Lines.Select(l => (l.Number, l.Quantity, l.UnitPrice, l.TotalPrice)).ShouldBe([(1, 5.00m, 1.00m, 5.00m), (2, 10.00m, 2.00m, 20.00m)]);
        body.Lines[1].Description.ShouldBe("FORNITURE VARIE PER UFFICIO");
        body.VatSummaries.ShouldBe([new VatSummary(22.00m, null, 2500, 550, "D", null)]);
        body.Payments.ShouldBe([new PaymentInstalment(new DateOnly(2017, 2, 28), 3050, "MP01", null)]);
        body.SplitPayment.ShouldBeFalse();
    }
}

public class when_a_lotto_is_read
{
    private readonly InvoiceFileReading _reading = InvoiceFiles.Read(Fixtures.Sample("IT01234567890_FPA03.xml"), "IT01234567890_FPA03.xml");

    [Fact]
    public void each_body_is_one_invoice_in_its_position()
    {
        _reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", _reading.Problems));
        _reading.Document!.Bodies.Select(b => (b.Position, b.Number, b.Date)).ShouldBe(
            [(1, "12", new DateOnly(2017, 1, 18)), (2, "456", new DateOnly(2017, 1, 20))]);
    }

    [Fact]
    public void the_second_body_has_its_own_line_summary_and_payment()
    {
        var second = _reading.Document!.Bodies[1];

        second.Lines.ShouldHaveSingleItem().ShouldBe(new InvoiceLine(1,
            "PRESTAZIONE DEL SEGUENTE SERVIZIO PROFESSIONALE: LA DESCRIZIONE DELLA PRESTAZIONE PUO' SUPERARE I CENTO CARATTERI CHE RAPPRESENTAVANO IL PRECEDENTE LIMITE DIMENSIONALE. TALE LIMITE NELLA NUOVA VERSIONE E' STATO PORTATO A MILLE CARATTERI",
            null, null, 2000.00m, 2000.00m, 22.00m, null, false));
        second.VatSummaries.ShouldBe([new VatSummary(22.00m, null, 200_000, 44_000, "I", null)]);
        second.Payments.ShouldBe([new PaymentInstalment(new DateOnly(2017, 2, 20), 244_000, "MP19", null)]);
        second.Cig.ShouldBe(["456def"]);
    }

    [Fact]
    public void the_bodies_have_different_duplicate_keys()
    {
        var document = _reading.Document!;

        InvoiceDuplicates.KeyOf(document, document.Bodies[0]).ShouldBe("IT01234567890|12|2017-01-18|TD01");
        InvoiceDuplicates.KeyOf(document, document.Bodies[1]).ShouldBe("IT01234567890|456|2017-01-20|TD01");
    }
}

public class when_a_file_is_read_twice
{
    [Fact]
    public void the_hash_is_the_lowercase_sha256_of_the_bytes_received()
    {
        var bytes = Fixtures.Sample("IT01234567890_FPA01.xml");

        var reading = InvoiceFiles.Read(bytes, "a.xml");

        reading.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        reading.Payload.ShouldBe(bytes);
        reading.FileName.ShouldBe("a.xml");
        reading.Signature.ShouldBeNull();
    }
}
