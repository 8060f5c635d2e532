using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Sys2.Invoices;

/// <summary>
/// Reads XML that someone else wrote, in two passes. The first only walks the nodes and checks what the file may cost
/// (<see cref="InvoiceReadLimits"/>): a DOCTYPE is refused before the parser sees it, because every entity attack
/// (billion laughs, external entities to local files, quadratic blow-up) needs one and no FatturaPA or SdI message
/// has one. The second builds the tree (with line numbers) through the schema, if one is given. DTD processing is
/// prohibited and no resolver is set in both, so nothing is ever expanded or fetched even if the first check missed.
/// </summary>
internal static partial class UntrustedXml
{
    static UntrustedXml() =>
        // windows-1252 is not in .NET's in-box encodings; Italian suppliers' software still declares it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Loaded(XDocument? Document, InvoiceVerdict Verdict, IReadOnlyList<InvoiceProblem> Problems);

    /// <summary>The root element's namespace and local name, after the safety pass: enough to choose the schema.</summary>
    public sealed record Root(XName Name, string? Version);

    /// <summary>Pass 1: the limits. Answers the root, or why the file is unsafe or not XML at all.</summary>
    public static (Root? Root, Loaded? Refusal) Inspect(byte[] xml, InvoiceReadLimits limits)
    {
        if (xml.Length > limits.MaxFileBytes)
            return (null, Refuse(InvoiceVerdict.Unsafe, InvoiceProblemCodes.TooLarge, $"the XML is {xml.Length} bytes, over the limit of {limits.MaxFileBytes}"));
        if (XmlProlog.DeclaresDocumentType(xml))
            return (null, Refuse(InvoiceVerdict.Unsafe, InvoiceProblemCodes.DocumentType, "the file declares a DOCTYPE: DTDs and entities are refused unread"));

        Root? root = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings(limits));
            var lines = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.Depth > limits.MaxDepth)
                    return (null, Refuse(InvoiceVerdict.Unsafe, InvoiceProblemCodes.TooDeep,
                        $"line {lines.LineNumber}: element {reader.LocalName} is nested {reader.Depth} deep, over the limit of {limits.MaxDepth}", reader.LocalName, lines));
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.AttributeCount > limits.MaxAttributesPerElement)
                    return (null, Refuse(InvoiceVerdict.Unsafe, InvoiceProblemCodes.TooManyAttributes,
                        $"line {lines.LineNumber}: element {reader.LocalName} has {reader.AttributeCount} attributes, over the limit of {limits.MaxAttributesPerElement}", reader.LocalName, lines));
                root ??= new Root(XName.Get(reader.LocalName, reader.NamespaceURI), reader.GetAttribute("versione"));
            }
        }
        catch (XmlException e)
        {
            return (null, Refuse(InvoiceVerdict.Invalid, InvoiceProblemCodes.Malformed, Located(e.LineNumber, e.LinePosition, $"not well-formed XML: {Plain(e.Message)}"), null, e.LineNumber, e.LinePosition));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            // An encoding the file declares that .NET does not have, or bytes that are not in it.
            return (null, Refuse(InvoiceVerdict.Invalid, InvoiceProblemCodes.Encoding, $"the declared encoding cannot be read: {e.Message}"));
        }
        return root is null
            ? (null, Refuse(InvoiceVerdict.Invalid, InvoiceProblemCodes.Malformed, "no root element"))
            : (root, null);
    }

    /// <summary>
    /// Pass 2, on a file <see cref="Inspect"/> let through: the tree with line numbers, and every schema error as a
    /// problem at its line and column naming the element (the document is still returned, for the fields' own checks).
    /// </summary>
    public static Loaded Load(byte[] xml, InvoiceReadLimits limits, XmlSchemaSet? schemas)
    {
        var problems = new List<InvoiceProblem>();
        var settings = Settings(limits);
        if (schemas is not null)
        {
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = schemas;
            // Only the schema we ship: xsi:schemaLocation in the file (the samples point at fatturapa.gov.it) is ignored.
            settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
            settings.ValidationEventHandler += (_, e) => problems.Add(new InvoiceProblem(
                InvoiceProblemCodes.Schema,
                Located(e.Exception.LineNumber, e.Exception.LinePosition, Plain(e.Message)),
                null, e.Exception.LineNumber, e.Exception.LinePosition));
        }
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            return new Loaded(document, problems.Count == 0 ? InvoiceVerdict.Valid : InvoiceVerdict.Invalid, Named(problems, document));
        }
        catch (XmlException e)
        {
            return Refuse(InvoiceVerdict.Invalid, InvoiceProblemCodes.Malformed, Located(e.LineNumber, e.LinePosition, $"not well-formed XML: {Plain(e.Message)}"), null, e.LineNumber, e.LinePosition);
        }
    }

    public static XmlReaderSettings Settings(InvoiceReadLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = limits.MaxCharactersInDocument,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>
    /// A schema error says where, not which element: the element that starts there (an unexpected child) gets its
    /// path, e.g. <c>FatturaElettronicaHeader/DatiTrasmissione/ContattiTrasmittente</c>.
    /// </summary>
    private static List<InvoiceProblem> Named(List<InvoiceProblem> problems, XDocument document)
    {
        if (problems.Count == 0) return problems;
        var starts = document.Descendants()
            .Select(e => (Element: e, Line: (IXmlLineInfo)e))
            .Where(e => e.Line.HasLineInfo())
            .GroupBy(e => (e.Line.LineNumber, e.Line.LinePosition))
            .ToDictionary(g => g.Key, g => g.First().Element);
        return [.. problems.Select(p =>
            p.Line is { } line && p.Column is { } column && starts.TryGetValue((line, column), out var element)
                ? p with { Element = ElementPath.Of(element), Message = Located(line, column, $"{ElementPath.Of(element)}: {Plain(p.Message[(p.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..])}") }
                : p)];
    }

    private static Loaded Refuse(InvoiceVerdict verdict, string code, string message, string? element = null, IXmlLineInfo? at = null) =>
        Refuse(verdict, code, message, element, at?.LineNumber, at?.LinePosition);

    private static Loaded Refuse(InvoiceVerdict verdict, string code, string message, string? element, int? line, int? column) =>
        new(null, verdict, [new InvoiceProblem(code, message, element, line is > 0 ? line : null, column is > 0 ? column : null)]);

    public static string Located(int line, int column, string message) =>
        line > 0 ? $"line {line}, column {column}: {message}" : message;

    /// <summary>
    /// .NET's message without what the problem already says: the position (an XmlException repeats it at the end) and
    /// the namespace, the same on every element of the file.
    /// </summary>
    private static string Plain(string message) => PositionSuffix().Replace(message, "")
        .Replace(" in namespace 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2'", "", StringComparison.Ordinal)
        .Replace(" in namespace 'http://www.fatturapa.gov.it/sdi/messaggi/v1.0'", "", StringComparison.Ordinal)
        .Replace("'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2:", "'", StringComparison.Ordinal)
        .Replace("'http://www.fatturapa.gov.it/sdi/messaggi/v1.0:", "'", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*Line \d+, position \d+\.$")]
    private static partial System.Text.RegularExpressions.Regex PositionSuffix();
}
