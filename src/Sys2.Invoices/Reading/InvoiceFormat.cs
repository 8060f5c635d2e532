using System.Xml.Linq;
using System.Xml.Schema;

namespace Sys2.Invoices;

/// <summary>The formats a received file may be in, recognised by the root's namespace and its <c>versione</c>.</summary>
internal sealed record InvoiceFormat(string Version, XmlSchemaSet? Schema, Func<XElement, FieldReader, FatturaPaDocument?> Read)
{
    /// <summary>FatturaPA semplificata 1.0: its own namespace, not the v1.2 one.</summary>
    public const string SemplificataNamespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0";

    public static InvoiceFormat? Of(UntrustedXml.Root root) => (root.Name.LocalName, root.Name.NamespaceName, root.Version) switch
    {
        ("FatturaElettronica", ShippedSchemas.FatturaNamespace, FatturaPaDocument.FormatPa or FatturaPaDocument.FormatPrivati) =>
            new InvoiceFormat(root.Version!, ShippedSchemas.FatturaPa, FatturaPaMapping.Read),
        // The FSM10 schema is not among the official files shipped here: read by structure alone (FatturaSemplificataMapping).
        ("FatturaElettronica", SemplificataNamespace, FatturaPaDocument.FormatSemplificata) =>
            new InvoiceFormat(root.Version!, null, FatturaSemplificataMapping.Read),
        _ => null,
    };
}
