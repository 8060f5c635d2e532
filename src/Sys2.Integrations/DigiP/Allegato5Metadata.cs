using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The metadata of one document after Allegato 5 of AgID's guidelines on electronic documents
/// (2021). Element names follow the annex; the XML layout is this project's own. [check] against
/// DigiP's ingest profile.
/// </summary>
public static class Allegato5Metadata
{
    /// <summary>AgID's value for a document kept for ever (public archives keep case files indefinitely).</summary>
    public const string Illimitato = "9999";

    public static XDocument For(SipFile file, byte[] sha256, SipAgent holder) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement("DocumentoInformatico",
                new XElement("IdDoc",
                    new XElement("ImprontaCrittografica",
                        new XElement("Impronta", Convert.ToBase64String(sha256)),
                        new XElement("Algoritmo", "SHA-256")),
                    new XElement("Identificativo", file.Identifier)),
                new XElement("ModalitaDiFormazione", file.Formation),
                new XElement("TipologiaDocumentale", file.DocumentType),
                new XElement("DatiDiRegistrazione",
                    new XElement("TipologiaDiFlusso", file.Registration.Flow),
                    new XElement("TipoRegistro", file.Registration.RegisterType),
                    file.Registration.Date is { } date
                        ? new XElement("DataRegistrazione", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                        : null,
                    new XElement("NumeroDocumento", file.Registration.Number)),
                new XElement("Soggetti",
                    new XElement("Ruolo",
                        new XElement("TipoRuolo", "Amministrazione che effettua la registrazione"),
                        new XElement("PAI",
                            new XElement("DenominazioneAmministrazione", holder.Name),
                            holder.FiscalCode is null ? null : new XElement("CodiceFiscale", holder.FiscalCode)))),
                new XElement("ChiaveDescrittiva", new XElement("Oggetto", file.Subject)),
                new XElement("Allegati", new XElement("NumeroAllegati", 0)),
                new XElement("IdentificativoDelFormato", new XElement("Formato", file.MediaType)),
                new XElement("Verifica",
                    new XElement("FirmatoDigitalmente", IsSigned(file.MediaType) ? "true" : "false"),
                    new XElement("SigillatoElettronicamente", "false"),
                    new XElement("MarcaturaTemporale", "false"),
                    new XElement("ConformitaCopieImmagineSuSupportoInformatico", "false")),
                new XElement("NomeDelDocumento", file.Name),
                new XElement("TempoDiConservazione", Illimitato)));

    // CAdES envelopes (.p7m) are signed by construction; other formats are not checked here.
    private static bool IsSigned(string mediaType) =>
        mediaType.StartsWith("application/pkcs7", StringComparison.OrdinalIgnoreCase);
}
