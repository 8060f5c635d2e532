namespace Sys2.Invoices.Tests.Reading;

/// <summary>The official invalid files: refused, the missing element named at its line.</summary>
public class when_an_invalid_file_is_read
{
    [Fact]
    public void a_file_without_codice_destinatario_is_refused_naming_it()
    {
        var reading = InvoiceFiles.Read(Fixtures.Invalid("missing_CodiceDestinatario.xml"), "missing_CodiceDestinatario.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Document.ShouldBeNull();
        var missing = reading.Problems.Single(p => p.Code == InvoiceProblemCodes.Missing);
        missing.Message.ShouldBe("line 4: DatiTrasmissione/CodiceDestinatario is missing");
        missing.Element.ShouldBe("FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario");
        var schema = reading.Problems.Single(p => p.Code == InvoiceProblemCodes.Schema);
        schema.Line.ShouldBe(11);
        schema.Element.ShouldBe("FatturaElettronicaHeader/DatiTrasmissione/ContattiTrasmittente");
        schema.Message.ShouldContain("CodiceDestinatario");
    }

    [Fact]
    public void a_file_without_the_documents_number_is_refused_naming_it()
    {
        var reading = InvoiceFiles.Read(Fixtures.Invalid("missing_DatiGeneraliDocumento_Numero.xml"), "missing_DatiGeneraliDocumento_Numero.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.Single(p => p.Code == InvoiceProblemCodes.Missing).Message.ShouldBe("line 51: DatiGeneraliDocumento/Numero is missing");
        reading.Problems.Single(p => p.Code == InvoiceProblemCodes.Schema).Message.ShouldContain("'Numero'");
    }

    [Fact]
    public void a_malformed_file_is_refused_at_its_line()
    {
        var reading = InvoiceFiles.Read(Fixtures.Invalid("malformed.xml"), "malformed.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        var problem = reading.Problems.ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.Malformed);
        problem.Line.ShouldNotBeNull();
        problem.Message.ShouldStartWith($"line {problem.Line}, column {problem.Column}: not well-formed XML");
    }
}
