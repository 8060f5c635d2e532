using System.Text;

namespace Sys2.Invoices.Tests.Support;

/// <summary>Hostile files, written here: each would cost a naive parser gigabytes, seconds, or a local file.</summary>
public static class AttackFiles
{
    private const string Root = """<p:FatturaElettronica xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" versione="FPA12">""";

    /// <summary>Ten levels of ten references: 10^9 "lol"s, 3 GB of text, from a file under 1 KB.</summary>
    public static byte[] BillionLaughs()
    {
        var dtd = new StringBuilder("<!DOCTYPE lolz [\n  <!ENTITY lol \"lol\">\n");
        for (var level = 1; level <= 9; level++)
            dtd.Append($"  <!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{(level == 1 ? "" : level - 1)};", 10))}\">\n");
        dtd.Append("]>\n");
        return Utf8($"<?xml version=\"1.0\"?>\n{dtd}{Root}<Causale>&lol9;</Causale></p:FatturaElettronica>");
    }

    /// <summary>An external entity naming a local file: a parser that resolves it copies the file into the invoice.</summary>
    public static byte[] ExternalEntity(string path = "/etc/passwd") =>
        Utf8($"<?xml version=\"1.0\"?>\n<!DOCTYPE p:FatturaElettronica [ <!ENTITY xxe SYSTEM \"file://{path}\"> ]>\n{Root}<Causale>&xxe;</Causale></p:FatturaElettronica>");

    /// <summary>One 50 KB entity referenced 50,000 times: no nesting for a depth guard to see, 2.5 GB all the same.</summary>
    public static byte[] QuadraticBlowup()
    {
        var big = new string('a', 50_000);
        var references = string.Concat(Enumerable.Repeat("&a;", 50_000));
        return Utf8($"<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [ <!ENTITY a \"{big}\"> ]>\n{Root}<Causale>{references}</Causale></p:FatturaElettronica>");
    }

    /// <summary>Elements inside elements, <paramref name="depth"/> deep: a recursive reader's stack.</summary>
    public static byte[] DeepNesting(int depth)
    {
        var text = new StringBuilder(Root);
        for (var i = 0; i < depth; i++) text.Append("<a>");
        for (var i = 0; i < depth; i++) text.Append("</a>");
        return Utf8(text.Append("</p:FatturaElettronica>").ToString());
    }

    public static byte[] ManyAttributes(int count) =>
        Utf8($"{Root}<a {string.Join(' ', Enumerable.Range(0, count).Select(i => $"x{i}=\"{i}\""))}/></p:FatturaElettronica>");

    /// <summary>The sample, with <paramref name="bytes"/> of white space before its end: well-formed and too big.</summary>
    public static byte[] Padded(byte[] sample, int bytes)
    {
        var padded = new byte[sample.Length + bytes];
        sample.CopyTo(padded, 0);
        padded.AsSpan(sample.Length).Fill((byte)' ');
        return padded;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
