using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Integrations.DigiP;

internal static class Xml
{
    /// <summary>UTF-8 without a byte-order mark, indented: the bytes that are hashed are the bytes that are read.</summary>
    public static byte[] ToBytes(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return stream.ToArray();
    }
}
