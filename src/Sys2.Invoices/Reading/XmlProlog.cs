using System.Text;

namespace Sys2.Invoices;

/// <summary>
/// Looks at what comes before the root element, without an XML parser: the declaration, comments, processing
/// instructions, white space, and whether a DOCTYPE is among them.
/// </summary>
internal static class XmlProlog
{
    /// <summary>A prolog longer than this is itself suspicious; the scan stops there and the parser refuses a DTD anyway.</summary>
    private const int ScannedBytes = 64 * 1024;

    public static bool DeclaresDocumentType(byte[] xml)
    {
        var text = Decode(xml.AsSpan(0, Math.Min(xml.Length, ScannedBytes)));
        var at = 0;
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]) || text[at] == '\uFEFF') { at++; continue; }
            if (Starts(text, at, "<?")) { at = After(text, at, "?>"); continue; }
            if (Starts(text, at, "<!--")) { at = After(text, at, "-->"); continue; }
            return Starts(text, at, "<!DOCTYPE") || Starts(text, at, "<!doctype");
        }
        return false;
    }

    /// <summary>
    /// The encodings a FatturaPA may be in are ASCII-compatible (UTF-8, ISO-8859-1, windows-1252), where Latin-1 shows
    /// the markup as it is; UTF-16, recognised by its byte-order mark or its first '&lt;', is decoded as such.
    /// </summary>
    private static string Decode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xFE, ..] or [(byte)'<', 0, ..] => Encoding.Unicode.GetString(bytes),
        [0xFE, 0xFF, ..] or [0, (byte)'<', ..] => Encoding.BigEndianUnicode.GetString(bytes),
        _ => Encoding.Latin1.GetString(bytes),
    };

    private static bool Starts(string text, int at, string what) => string.CompareOrdinal(text, at, what, 0, what.Length) == 0;

    private static int After(string text, int at, string end)
    {
        var found = text.IndexOf(end, at, StringComparison.Ordinal);
        return found < 0 ? text.Length : found + end.Length;
    }
}
