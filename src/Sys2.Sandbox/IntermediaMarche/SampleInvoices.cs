using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>What the simulator should deliver: to which office, how many invoices in the file (a lotto when more than one), and their shape.</summary>
public sealed record SampleInvoiceRequest(
    string CodiceDestinatario,
    int Invoices = 1,
    bool Signed = false,
    bool SplitPayment = false,
    long? TaxableCents = null,
    int? Supplier = null,
    string? Number = null,
    DateOnly? Date = null,
    string? Cig = null,
    string? Tamper = null);

/// <summary>
/// FatturaPA 1.2.2 files (FPA12, to a public administration) like the ones suppliers send: built
/// from the shape of the official samples, with suppliers, amounts, lotti and CIG varying by the
/// sandbox's seed. Every supplier has a valid partita IVA and an e-mail address, so the notices
/// the invoice case sends reach the sandbox's mailbox.
/// </summary>
public static class SampleInvoices
{
    public static readonly XNamespace P = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";

    public sealed record Supplier(string VatNumber, string Name, string Email, string Comune, string Cap, string Provincia);

    /// <summary>Suppliers of the kind a comune pays (check digits computed by the rule of DOMAIN.md §8).</summary>
    public static readonly IReadOnlyList<Supplier> Suppliers =
    [
        new("01234567897", "Cartoleria Adriatica S.r.l.", "amministrazione@cartoleria-adriatica.example.it", "San Benedetto del Tronto", "63074", "AP"),
        new("02345678912", "Edil Piceno S.p.A.", "fatture@edilpiceno.example.it", "Ascoli Piceno", "63100", "AP"),
        new("03456789126", "Servizi Informatici Fermani S.r.l.", "contabilita@sif.example.it", "Fermo", "63900", "FM"),
        new("04567891231", "Verde Pubblico Tronto Soc. Coop.", "ufficio@verdetronto.example.it", "Grottammare", "63066", "AP"),
        new("05678912345", "Illuminazione Marche S.r.l.", "fatturazione@illumarche.example.it", "Porto San Giorgio", "63822", "FM"),
        new("06789123459", "Mensa Scolastica Valdaso S.r.l.", "amministrazione@mensavaldaso.example.it", "Pedaso", "63827", "FM"),
    ];

    private static readonly string[] Goods =
    [
        "Materiale di cancelleria per gli uffici comunali", "Manutenzione ordinaria della rete di illuminazione pubblica",
        "Servizio di assistenza informatica (canone trimestrale)", "Sfalcio dell'erba nei parchi comunali", "Pasti per la refezione scolastica",
        "Ripristino del manto stradale in via Roma",
    ];

    /// <summary>The file's name by the SdI convention: the sender's country and VAT number, then the file's progressive.</summary>
    public static string FileName(Supplier supplier, string progressive) => $"IT{supplier.VatNumber}_{progressive}.xml";

    public static (string FileName, byte[] Xml, Supplier Supplier) Build(SampleInvoiceRequest request, Random random, string progressive, DateOnly today)
    {
        var supplier = request.Supplier is { } index ? Suppliers[Math.Abs(index) % Suppliers.Count] : random.Pick(Suppliers);
        var bodies = Enumerable.Range(1, Math.Clamp(request.Invoices, 1, 50))
            .Select(i => Body(request, random, i, today, progressive)).ToList();
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(P + "FatturaElettronica",
                new XAttribute(XNamespace.Xmlns + "p", P), new XAttribute("versione", "FPA12"),
                new XElement("FatturaElettronicaHeader",
                    new XElement("DatiTrasmissione",
                        new XElement("IdTrasmittente", new XElement("IdPaese", "IT"), new XElement("IdCodice", supplier.VatNumber)),
                        new XElement("ProgressivoInvio", progressive),
                        new XElement("FormatoTrasmissione", "FPA12"),
                        new XElement("CodiceDestinatario", request.CodiceDestinatario)),
                    new XElement("CedentePrestatore",
                        new XElement("DatiAnagrafici",
                            new XElement("IdFiscaleIVA", new XElement("IdPaese", "IT"), new XElement("IdCodice", supplier.VatNumber)),
                            new XElement("Anagrafica", new XElement("Denominazione", supplier.Name)),
                            new XElement("RegimeFiscale", "RF01")),
                        new XElement("Sede", new XElement("Indirizzo", "Via Nazionale 1"), new XElement("CAP", supplier.Cap),
                            new XElement("Comune", supplier.Comune), new XElement("Provincia", supplier.Provincia), new XElement("Nazione", "IT")),
                        new XElement("Contatti", new XElement("Email", supplier.Email))),
                    new XElement("CessionarioCommittente",
                        new XElement("DatiAnagrafici",
                            new XElement("CodiceFiscale", "00360140446"),
                            new XElement("Anagrafica", new XElement("Denominazione", "Ente della aggregazione SYS²"))),
                        new XElement("Sede", new XElement("Indirizzo", "Viale De Gasperi 124"), new XElement("CAP", "63074"),
                            new XElement("Comune", "San Benedetto del Tronto"), new XElement("Provincia", "AP"), new XElement("Nazione", "IT")))),
                bodies));
        var xml = Encoding.UTF8.GetBytes(document.Declaration + "\n" + document.Root!.ToString(SaveOptions.DisableFormatting));
        return (FileName(supplier, progressive), xml, supplier);
    }

    private static XElement Body(SampleInvoiceRequest request, Random random, int position, DateOnly today, string progressive)
    {
        var taxable = request.TaxableCents ?? random.Next(5_000, 900_000);
        const int rate = 22;
        var vat = (long)Math.Round(taxable * rate / 100m, MidpointRounding.AwayFromZero);
        var date = request.Date ?? today.AddDays(-1);
        var number = request.Number is { } n ? (request.Invoices > 1 ? $"{n}/{position}" : n) : $"{progressive}-{position}/{date.Year}";
        var cig = request.Cig ?? $"Z{random.Next(0x1000000, 0xFFFFFFF):X7}{random.Next(10, 99)}";
        return new XElement("FatturaElettronicaBody",
            new XElement("DatiGenerali",
                new XElement("DatiGeneraliDocumento",
                    new XElement("TipoDocumento", "TD01"), new XElement("Divisa", "EUR"),
                    new XElement("Data", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new XElement("Numero", number),
                    new XElement("ImportoTotaleDocumento", Euro(taxable + vat)),
                    new XElement("Causale", random.Pick(Goods))),
                // An empty CIG asks for an invoice without one (a supplier's mistake the liquidation checks must name).
                new XElement("DatiContratto", new XElement("IdDocumento", $"DET-{random.Next(100, 999)}"),
                    cig.Length == 0 ? null : new XElement("CodiceCIG", cig))),
            new XElement("DatiBeniServizi",
                new XElement("DettaglioLinee",
                    new XElement("NumeroLinea", 1), new XElement("Descrizione", random.Pick(Goods)),
                    new XElement("Quantita", "1.00"), new XElement("PrezzoUnitario", Euro(taxable)), new XElement("PrezzoTotale", Euro(taxable)),
                    new XElement("AliquotaIVA", "22.00")),
                new XElement("DatiRiepilogo",
                    new XElement("AliquotaIVA", "22.00"), new XElement("ImponibileImporto", Euro(taxable)), new XElement("Imposta", Euro(vat)),
                    // Split payment (DPR 633/1972 art. 17-ter): the entity pays the VAT to the State itself.
                    new XElement("EsigibilitaIVA", request.SplitPayment ? "S" : "I"))),
            new XElement("DatiPagamento",
                new XElement("CondizioniPagamento", "TP02"),
                new XElement("DettaglioPagamento",
                    new XElement("ModalitaPagamento", "MP05"),
                    new XElement("DataScadenzaPagamento", date.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new XElement("ImportoPagamento", Euro(request.SplitPayment ? taxable : taxable + vat)),
                    new XElement("IBAN", "IT60X0542811101000000123456"))));
    }

    private static string Euro(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
