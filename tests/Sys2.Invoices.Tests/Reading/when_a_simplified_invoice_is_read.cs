using System.Text;

namespace Sys2.Invoices.Tests.Reading;

/// <summary>FSM10, read by structure (its schema is not shipped): a file written here after the specifiche's table.</summary>
public class when_a_simplified_invoice_is_read
{
    private const string Simplified = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:FatturaElettronica xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0" versione="FSM10">
          <FatturaElettronicaHeader>
            <DatiTrasmissione>
              <IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>01234567890</IdCodice></IdTrasmittente>
              <ProgressivoInvio>00007</ProgressivoInvio>
              <FormatoTrasmissione>FSM10</FormatoTrasmissione>
              <CodiceDestinatario>0000000</CodiceDestinatario>
            </DatiTrasmissione>
            <CedentePrestatore>
              <IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>01234567890</IdCodice></IdFiscaleIVA>
              <Denominazione>BAR CENTRALE SNC</Denominazione>
              <Sede><Indirizzo>PIAZZA CAVOUR 1</Indirizzo><CAP>60121</CAP><Comune>ANCONA</Comune><Nazione>IT</Nazione></Sede>
              <RegimeFiscale>RF01</RegimeFiscale>
            </CedentePrestatore>
            <CessionarioCommittente>
              <IdentificativiFiscali><CodiceFiscale>RSSMRA45D25F205N</CodiceFiscale></IdentificativiFiscali>
              <AltriDatiIdentificativi><Nome>MARIO</Nome><Cognome>ROSSI</Cognome></AltriDatiIdentificativi>
            </CessionarioCommittente>
          </FatturaElettronicaHeader>
          <FatturaElettronicaBody>
            <DatiGenerali>
              <DatiGeneraliDocumento><TipoDocumento>TD07</TipoDocumento><Divisa>EUR</Divisa><Data>2026-02-10</Data><Numero>S-15</Numero></DatiGeneraliDocumento>
            </DatiGenerali>
            <DatiBeniServizi><Descrizione>CATERING RIUNIONE</Descrizione><Importo>122.00</Importo><DatiIVA><Aliquota>22.00</Aliquota></DatiIVA></DatiBeniServizi>
            <DatiBeniServizi><Descrizione>ACQUA</Descrizione><Importo>11.00</Importo><DatiIVA><Aliquota>10.00</Aliquota></DatiIVA></DatiBeniServizi>
          </FatturaElettronicaBody>
        </p:FatturaElettronica>
        """;

    [Fact]
    public void its_parties_and_lines_are_read_and_the_total_is_the_sum_of_the_amounts()
    {
        var reading = InvoiceFiles.Read(Encoding.UTF8.GetBytes(Simplified), "IT01234567890_00007.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        var document = reading.Document!;
        document.Version.ShouldBe("FSM10");
        document.Supplier.ShouldBe(new InvoiceParty("IT", "01234567890", null, "BAR CENTRALE SNC"));
        document.Customer.ShouldBe(new InvoiceParty("IT", null, "RSSMRA45D25F205N", "MARIO ROSSI"));
        var body = document.Bodies.ShouldHaveSingleItem();
        (body.DocumentType, body.Number, body.Date).ShouldBe(("TD07", "S-15", new DateOnly(2026, 2, 10)));
        body.Lines.Select(l => (l.Description, l.TotalPrice, l.VatRate)).ShouldBe([("CATERING RIUNIONE", 122.00m, 22.00m), ("ACQUA", 11.00m, 10.00m)]);
        body.TotalCents.ShouldBe(13_300);
    }

    [Fact]
    public void a_missing_number_is_named()
    {
        var reading = InvoiceFiles.Read(Encoding.UTF8.GetBytes(Simplified.Replace("<Numero>S-15</Numero>", "", StringComparison.Ordinal)), "a.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Message.ShouldBe("line 23: DatiGeneraliDocumento/Numero is missing");
    }

    [Fact]
    public void a_file_of_neither_format_is_refused_naming_its_root()
    {
        var reading = InvoiceFiles.Read("<Fattura versione=\"X\"/>"u8.ToArray(), "a.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.UnknownFormat);
    }
}
