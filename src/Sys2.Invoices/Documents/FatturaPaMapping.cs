using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>
/// FatturaPA v1.2 (FPA12, FPR12) from its tree to <see cref="FatturaPaDocument"/>: the header's transmission data and
/// parties, then each body. Element names are unqualified below the root, as the schema has them.
/// </summary>
internal static class FatturaPaMapping
{
    /// <summary>The places a body may name a CIG or a CUP: orders, contracts, framework agreements, receipts, linked invoices.</summary>
    private static readonly string[] ReferenceBlocks = ["DatiOrdineAcquisto", "DatiContratto", "DatiConvenzione", "DatiRicezione", "DatiFattureCollegate"];

    public static FatturaPaDocument? Read(XElement root, FieldReader fields)
    {
        var header = fields.RequiredElement(root, "FatturaElettronicaHeader");
        if (header is null) return null;
        var transmission = fields.RequiredElement(header, "DatiTrasmissione");
        var supplier = fields.RequiredElement(header, "CedentePrestatore");
        var customer = fields.RequiredElement(header, "CessionarioCommittente");

        var bodies = root.Elements("FatturaElettronicaBody").ToList();
        if (bodies.Count == 0) fields.Missing(root, "FatturaElettronicaBody");
        if (transmission is not null) CheckTransmission(root.Attribute("versione")?.Value ?? "", transmission, fields);

        var document = new FatturaPaDocument(
            Version: root.Attribute("versione")?.Value ?? "",
            CodiceDestinatario: transmission is null ? "" : fields.RequiredText(transmission, "CodiceDestinatario"),
            PecDestinatario: transmission is null ? null : fields.Text(transmission, "PECDestinatario"),
            ProgressivoInvio: transmission is null ? "" : fields.RequiredText(transmission, "ProgressivoInvio"),
            Supplier: supplier is null ? Nobody : Party(supplier, fields),
            Customer: customer is null ? Nobody : Party(customer, fields),
            Bodies: [.. bodies.Select((body, i) => Body(body, i + 1, fields))]);
        return fields.Problems.Count == 0 ? document : null;
    }

    /// <summary>
    /// What SdI checks beyond the schema about where the file goes: FormatoTrasmissione is the root's versione (SdI's
    /// code 00428), and CodiceDestinatario has 6 characters for a PA office (the IPA codice univoco ufficio) in an
    /// FPA12, 7 for a private party's channel in an FPR12 (code 00427).
    /// </summary>
    private static void CheckTransmission(string version, XElement transmission, FieldReader fields)
    {
        if (fields.Element(transmission, "FormatoTrasmissione") is { } format && format.Value.Trim() != version)
            fields.Bad(format, $"'{format.Value.Trim()}' is not the file's versione '{version}' (SdI code 00428)");
        if (fields.Element(transmission, "CodiceDestinatario") is { } code && code.Value.Trim() is { Length: > 0 } value)
        {
            var (length, why) = version == FatturaPaDocument.FormatPa
                ? (6, "an FPA12 goes to a PA office, named by its 6-character IPA codice univoco ufficio")
                : (7, "an FPR12 goes to a private party's 7-character channel code");
            if (value.Length != length)
                fields.Bad(code, $"'{value}' has {value.Length} characters: {why} (SdI code 00427)");
        }
    }

    private static readonly InvoiceParty Nobody = new("", null, null, "");

    private static InvoiceParty Party(XElement party, FieldReader fields)
    {
        var data = fields.RequiredElement(party, "DatiAnagrafici");
        if (data is null) return Nobody;
        var vat = fields.Element(data, "IdFiscaleIVA");
        var country = vat is not null ? fields.RequiredText(vat, "IdPaese") : fields.Text(party, "Sede/Nazione") ?? "";
        return new InvoiceParty(
            country,
            vat is not null ? fields.RequiredText(vat, "IdCodice") : null,
            fields.Text(data, "CodiceFiscale"),
            fields.RequiredElement(data, "Anagrafica") is { } registry ? Name(registry, fields) : "")
        {
            // Contatti/Email: where the entity's courtesy notices reach the supplier (the legal ones travel through SdI).
            Email = fields.Text(party, "Contatti/Email"),
        };
    }

    /// <summary>Denominazione for a company, Nome and Cognome for a person: the schema allows exactly one of the two.</summary>
    public static string Name(XElement registry, FieldReader fields)
    {
        if (fields.Text(registry, "Denominazione") is { } name) return name;
        var person = string.Join(' ', new[] { fields.Text(registry, "Nome"), fields.Text(registry, "Cognome") }.OfType<string>());
        if (person.Length == 0) fields.Missing(registry, "Denominazione");
        return person;
    }

    private static InvoiceBody Body(XElement body, int position, FieldReader fields)
    {
        var general = fields.RequiredElement(body, "DatiGenerali");
        var document = general is null ? null : fields.RequiredElement(general, "DatiGeneraliDocumento");
        var goods = fields.RequiredElement(body, "DatiBeniServizi");

        var lines = goods?.Elements("DettaglioLinee").Select(line => Line(line, fields)).ToList() ?? [];
        var summaries = goods?.Elements("DatiRiepilogo").Select(summary => Summary(summary, fields)).ToList() ?? [];
        var withholdings = document?.Elements("DatiRitenuta").Select(w => new Withholding(
            fields.RequiredText(w, "TipoRitenuta"), fields.RequiredCents(w, "ImportoRitenuta"), fields.RequiredDecimal(w, "AliquotaRitenuta"))).ToList() ?? [];
        var stamp = document?.Element("DatiBollo");

        return new InvoiceBody(
            Position: position,
            DocumentType: document is null ? "" : fields.RequiredText(document, "TipoDocumento"),
            Currency: document is null ? "" : fields.RequiredText(document, "Divisa"),
            Date: document is null ? default : fields.RequiredDate(document, "Data"),
            Number: document is null ? "" : fields.RequiredText(document, "Numero"),
            TotalCents: document is null ? null : fields.Cents(document, "ImportoTotaleDocumento"),
            Lines: lines,
            VatSummaries: summaries,
            Cig: References(general, "CodiceCIG"),
            Cup: References(general, "CodiceCUP"),
            SplitPayment: summaries.Any(s => s.Esigibilita == EsigibilitaIva.SplitPayment),
            StampDutyCents: stamp is null ? null : fields.Cents(stamp, "ImportoBollo") ?? StampDuty.InvoiceCents,
            WithholdingCents: withholdings.Count == 0 ? null : withholdings.Sum(w => w.AmountCents),
            Payments: [.. body.Elements("DatiPagamento").SelectMany(p => p.Elements("DettaglioPagamento")).Select(p => Payment(p, fields))])
        {
            Causale = document?.Elements("Causale").Select(c => c.Value.Trim()) is { } causale && causale.Any() ? string.Join(' ', causale) : null,
            RoundingCents = document is null ? null : fields.Cents(document, "Arrotondamento"),
            Withholdings = withholdings,
        };
    }

    private static IReadOnlyList<string> References(XElement? general, string code) =>
        general is null
            ? []
            : [.. ReferenceBlocks.SelectMany(block => general.Elements(block)).Elements(code).Select(e => e.Value.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static InvoiceLine Line(XElement line, FieldReader fields) => new(
        fields.RequiredInteger(line, "NumeroLinea"),
        fields.RequiredText(line, "Descrizione"),
        fields.Decimal(line, "Quantita"),
        fields.Text(line, "UnitaMisura"),
        fields.RequiredDecimal(line, "PrezzoUnitario"),
        fields.RequiredDecimal(line, "PrezzoTotale"),
        fields.RequiredDecimal(line, "AliquotaIVA"),
        fields.Text(line, "Natura"),
        fields.Text(line, "Ritenuta") == "SI");

    private static VatSummary Summary(XElement summary, FieldReader fields) => new(
        fields.RequiredDecimal(summary, "AliquotaIVA"),
        fields.Text(summary, "Natura"),
        fields.RequiredCents(summary, "ImponibileImporto"),
        fields.RequiredCents(summary, "Imposta"),
        fields.Text(summary, "EsigibilitaIVA"),
        fields.Decimal(summary, "Arrotondamento"));

    private static PaymentInstalment Payment(XElement payment, FieldReader fields) => new(
        fields.Date(payment, "DataScadenzaPagamento"),
        fields.RequiredCents(payment, "ImportoPagamento"),
        fields.RequiredText(payment, "ModalitaPagamento"),
        fields.Text(payment, "IBAN"));
}
