using System.Xml;
using System.Xml.Schema;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// AgID's official schema of the segnatura (Allegato 6 of the Linee guida sul documento informatico, 2021:
/// <c>segnatura_protocollo.xsd</c>, schema version 3.0, from the repository AgID/protocollo-comunicazione-aoo) and
/// the XML-DSig schema it imports (its <c>import_schemas/xmldsig-core-schema.xsd</c>), shipped unchanged under
/// <c>Protocol/Schemas</c> and compiled once. The DSig schema is added first: with no resolver, the import by
/// file name is satisfied by the namespace already in the set and nothing is fetched.
/// </summary>
public static class SegnaturaSchema
{
    public const string Namespace = "http://www.agid.gov.it/protocollo/";

    private static readonly Lazy<XmlSchemaSet> Set = new(() => Compile("xmldsig-core-schema.xsd", "segnatura_protocollo.xsd"));

    public static XmlSchemaSet Schemas => Set.Value;

    /// <summary>Every schema error and warning of <paramref name="document"/>, each with its line when known; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        var copy = (XmlDocument)document.Clone();
        copy.Schemas = Schemas;
        copy.Validate((_, e) => problems.Add(e.Exception?.LineNumber > 0 ? $"line {e.Exception.LineNumber}: {e.Message}" : e.Message));
        return problems;
    }

    private static XmlSchemaSet Compile(params string[] files)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in files)
        {
            var name = $"Sys2.Integrations.Protocol.Schemas.{file}";
            using var stream = typeof(SegnaturaSchema).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"schema {file} is not embedded in {typeof(SegnaturaSchema).Assembly.GetName().Name}");
            // Our own files: the XML-DSig schema declares its entities in an internal DTD subset; no resolver, so
            // its external DTD is never fetched.
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }
}
