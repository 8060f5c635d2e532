using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// FatturaPA semplificata 1.0 (FSM10, art. 21-bis DPR 633/1972: invoices up to €400, between private parties).
/// Its schema (Schema_VFSM10.xsd) is not among the official files this library ships and could not be had here, so an
/// FSM10 file is read by structure alone, after the specifiche tecniche's table: the elements below must be there and
/// well-formed; the rest (patterns, lengths, code lists) is not checked. SdI does not deliver one to a PA (FPA12 is
/// mandatory towards a PA), so this matters for files uploaded by hand.
/// <list type="bullet">
/// <item>CedentePrestatore holds IdFiscaleIVA, CodiceFiscale and Denominazione (or Nome, Cognome) directly, no DatiAnagrafici.</item>
/// <item>CessionarioCommittente has IdentificativiFiscali (IdFiscaleIVA or CodiceFiscale) and optionally AltriDatiIdentificativi (the name).</item>
/// <item>Each DatiBeniServizi is one line: Descrizione, Importo (VAT included), DatiIVA (Imposta or Aliquota), Natura.</item>
/// </list>
/// There is no DatiRiepilogo: the body's total is the sum of its Importo, and it has no VAT summaries.
/// </summary>
internal static class FatturaSemplificataMapping
{
    public static FatturaPaDocument? Read(XElement root, FieldReader fields)
    {
        var header = fields.RequiredElement(root, "FatturaElettronicaHeader");
        if (header is null) return null;
        var transmission = fields.RequiredElement(header, "DatiTrasmissione");
        var supplier = fields.RequiredElement(header, "CedentePrestatore");
        var customer = fields.RequiredElement(header, "CessionarioCommittente");
        var bodies = root.Elements("FatturaElettronicaBody").ToList();
        if (bodies.Count == 0) fields.Missing(root, "FatturaElettronicaBody");

        var document = new FatturaPaDocument(
            Version: FatturaPaDocument.FormatSemplificata,
            CodiceDestinatario: transmission is null ? "" : fields.RequiredText(transmission, "CodiceDestinatario"),
            PecDestinatario: transmission is null ? null : fields.Text(transmission, "PECDestinatario"),
            ProgressivoInvio: transmission is null ? "" : fields.RequiredText(transmission, "ProgressivoInvio"),
            Supplier: supplier is null ? new InvoiceParty("", null, null, "") : Supplier(supplier, fields),
            Customer: customer is null ? new InvoiceParty("", null, null, "") : Customer(customer, fields),
            Bodies: [.. bodies.Select((body, i) => Body(body, i + 1, fields))]);
        return fields.Problems.Count == 0 ? document : null;
    }

    private static InvoiceParty Supplier(XElement supplier, FieldReader fields)
    {
        var vat = fields.RequiredElement(supplier, "IdFiscaleIVA");
        return new InvoiceParty(
            vat is null ? "" : fields.RequiredText(vat, "IdPaese"),
            vat is null ? null : fields.RequiredText(vat, "IdCodice"),
            fields.Text(supplier, "CodiceFiscale"),
            FatturaPaMapping.Name(supplier, fields));
    }

    private static InvoiceParty Customer(XElement customer, FieldReader fields)
    {
        var ids = fields.RequiredElement(customer, "IdentificativiFiscali");
        var vat = ids?.Element("IdFiscaleIVA");
        var others = customer.Element("AltriDatiIdentificativi");
        // A customer named by codice fiscale alone is Italian: the codice fiscale is.
        var country = vat is not null ? fields.RequiredText(vat, "IdPaese") : others is null ? "IT" : fields.Text(others, "Sede/Nazione") ?? "IT";
        return new InvoiceParty(
            country,
            vat is null ? null : fields.RequiredText(vat, "IdCodice"),
            ids is null ? null : fields.Text(ids, "CodiceFiscale"),
            others is null ? "" : FatturaPaMapping.Name(others, fields));
    }

    private static InvoiceBody Body(XElement body, int position, FieldReader fields)
    {
        var document = fields.RequiredElement(body, "DatiGenerali/DatiGeneraliDocumento");
        var lines = body.Elements("DatiBeniServizi").Select((line, i) =>
        {
            var amount = fields.RequiredDecimal(line, "Importo");
            return new InvoiceLine(i + 1, fields.RequiredText(line, "Descrizione"), null, null, amount, amount,
                fields.Decimal(line, "DatiIVA/Aliquota") ?? 0m, fields.Text(line, "Natura"), false);
        }).ToList();
        if (lines.Count == 0) fields.Missing(body, "DatiBeniServizi");

        return new InvoiceBody(
            Position: position,
            DocumentType: document is null ? "" : fields.RequiredText(document, "TipoDocumento"),
            Currency: document is null ? "" : fields.RequiredText(document, "Divisa"),
            Date: document is null ? default : fields.RequiredDate(document, "Data"),
            Number: document is null ? "" : fields.RequiredText(document, "Numero"),
            TotalCents: Amounts.Cents(lines.Sum(l => l.TotalPrice)),
            Lines: lines,
            VatSummaries: [],
            Cig: [],
            Cup: [],
            SplitPayment: false,
            StampDutyCents: document is not null && fields.Text(document, "BolloVirtuale") == "SI" ? StampDuty.InvoiceCents : null,
            WithholdingCents: null,
            Payments: []);
    }
}
