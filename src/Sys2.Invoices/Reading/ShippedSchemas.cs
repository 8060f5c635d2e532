using System.Xml;
using System.Xml.Schema;

namespace Sys2.Invoices;

/// <summary>
/// The official schemas this library ships (Schemas/, embedded), compiled once. Each set holds the XML-DSig schema the
/// official one imports, added first: with no resolver, the import by file name is satisfied by the namespace already
/// in the set and nothing is fetched.
/// </summary>
internal static class ShippedSchemas
{
    public const string FatturaNamespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";
    public const string MessaggiNamespace = "http://www.fatturapa.gov.it/sdi/messaggi/v1.0";
    public const string DsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly Lazy<XmlSchemaSet> Fattura = new(() => Compile("xmldsig-core.xsd", "FatturaPA_v1.2.2.xsd"));
    private static readonly Lazy<XmlSchemaSet> Messaggi = new(() => Compile("xmldsig-core-schema.xsd", "MessaggiTypes_v1.1.xsd"));

    /// <summary>FatturaPA v1.2.2: FPA12 and FPR12.</summary>
    public static XmlSchemaSet FatturaPa => Fattura.Value;

    /// <summary>SdI's messages, MessaggiTypes v1.1.</summary>
    public static XmlSchemaSet MessaggiTypes => Messaggi.Value;

    private static XmlSchemaSet Compile(params string[] files)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in files)
        {
            using var stream = typeof(ShippedSchemas).Assembly.GetManifestResourceStream($"Sys2.Invoices.Schemas.{file}")
                ?? throw new InvalidOperationException($"schema {file} is not embedded in {typeof(ShippedSchemas).Assembly.GetName().Name}");
            // Our own files: the XML-DSig schema declares its entities in an internal DTD subset. No resolver, so its
            // external DTD is never fetched.
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        return set;
    }
}
