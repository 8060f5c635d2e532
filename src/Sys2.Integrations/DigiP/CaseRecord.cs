using System.Globalization;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

/// <summary>The record of the closed case that every SIP carries, so the package explains itself without the engine.</summary>
public static class CaseRecord
{
    public static byte[] For(string tenant, string caseId, string step, string documentType, string protocolNumber, DateTimeOffset closedAt)
    {
        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("Pratica",
                new XElement("Identificativo", caseId),
                new XElement("Ente", tenant),
                new XElement("TipologiaDocumentale", documentType),
                new XElement("NumeroProtocollo", protocolNumber),
                new XElement("Passo", step),
                new XElement("DataVersamento", closedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        return Xml.ToBytes(xml);
    }
}
