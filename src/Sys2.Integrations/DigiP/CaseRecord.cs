using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

/// <summary>
/// The record of the closed case that every SIP carries, so the package explains itself without the engine: the
/// case, its application's registration, every act it registered and every attachment with registration data of its
/// own (a receipt, an SdI message), each with its own number and date. For a document outside the protocol (TipoRegistro
/// "Nessuno") <c>NumeroProtocollo</c> and <c>DataProtocollo</c> hold its own identifier and date.
/// </summary>
public static class CaseRecord
{
    public static byte[] For(
        string tenant, string caseId, string step, string documentType, Registration application,
        IReadOnlyList<(string DocumentType, Registration Registration)> acts, DateTimeOffset closedAt,
        IReadOnlyList<(string DocumentType, Registration Registration)>? attachments = null)
    {
        static XElement Entry(string name, string type, Registration r) =>
            new(name,
                new XElement("TipologiaDocumentale", type),
                new XElement("TipologiaDiFlusso", r.Flow),
                new XElement("TipoRegistro", r.RegisterType),
                r.RegisterType == Allegato5Metadata.NoRegisterType ? null : new XElement("Registro", r.Register),
                new XElement("NumeroProtocollo", r.Number),
                r.Date is { } date ? new XElement("DataProtocollo", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null);

        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("Pratica",
                new XElement("Identificativo", caseId),
                new XElement("Ente", tenant),
                new XElement("TipologiaDocumentale", documentType),
                new XElement("NumeroProtocollo", application.Number),
                application.Date is { } date ? new XElement("DataProtocollo", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                new XElement("Passo", step),
                new XElement("DataVersamento", closedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new XElement("Registrazioni",
                    Entry("Istanza", documentType, application),
                    acts.Select(a => Entry("Atto", a.DocumentType, a.Registration)),
                    (attachments ?? []).Select(a => Entry("Allegato", a.DocumentType, a.Registration)))));
        return Xml.ToBytes(xml);
    }
}
