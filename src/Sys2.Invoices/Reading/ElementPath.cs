using System.Xml;
using System.Xml.Linq;

namespace Sys2.Invoices;

/// <summary>Where an element is, as a person reading the file would say it: <c>DatiGeneraliDocumento/Numero</c>.</summary>
internal static class ElementPath
{
    /// <summary>The path below the root: <c>FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento</c>.</summary>
    public static string Of(XElement element) =>
        string.Join('/', element.AncestorsAndSelf().Reverse().Skip(1).Select(e => e.Name.LocalName));

    /// <summary>The element and its parent, what a message names: <c>DatiGeneraliDocumento/Numero</c>.</summary>
    public static string Short(XElement parent, string child) => $"{parent.Name.LocalName}/{child}";

    public static (int? Line, int? Column) LineOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (null, null);
}
