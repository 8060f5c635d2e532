using System.Text;

namespace Sys2.Invoices.Tests.Reading;

/// <summary>
/// The encoding the XML declaration names is the one read: suppliers' software still writes windows-1252 and
/// ISO-8859-1, and accented names must come out as written.
/// </summary>
public class when_a_file_declares_its_encoding
{
    private const string Supplier = "SOCIETÀ CAFFÈ PERCHÉ SRL";
    private const string Customer = "COMUNE DI FORLÌ";

    static when_a_file_declares_its_encoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Sample(string encodingName, bool bom = false)
    {
        var text = Fixtures.SampleText("IT01234567890_FPA01.xml")
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encodingName}\"", StringComparison.Ordinal)
            .Replace("<Denominazione>ALPHA SRL</Denominazione>", $"<Denominazione>{Supplier}</Denominazione>", StringComparison.Ordinal)
            .Replace("<Denominazione>AMMINISTRAZIONE BETA</Denominazione>", $"<Denominazione>{Customer}</Denominazione>", StringComparison.Ordinal);
        var encoding = Encoding.GetEncoding(encodingName);
        return bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("ISO-8859-1")]
    [InlineData("UTF-8")]
    public void accented_names_come_out_as_written(string encoding)
    {
        var reading = InvoiceFiles.Read(Sample(encoding), "a.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        reading.Document!.Supplier.Name.ShouldBe(Supplier);
        reading.Document.Customer.Name.ShouldBe(Customer);
    }

    [Fact]
    public void utf8_with_a_byte_order_mark_is_read()
    {
        var bytes = Sample("UTF-8", bom: true);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

        InvoiceFiles.Read(bytes, "a.xml").Document!.Supplier.Name.ShouldBe(Supplier);
    }

    [Fact]
    public void the_single_byte_files_really_hold_single_byte_accents()
    {
        // À is C0 in both, where UTF-8 writes C3 80: a reader that ignored the declaration would fail or garble it.
        Sample("windows-1252").AsSpan().IndexOf(new byte[] { (byte)'T', 0xC0, (byte)' ' }).ShouldBeGreaterThan(0);
        Sample("ISO-8859-1").AsSpan().IndexOf(new byte[] { (byte)'T', 0xC0, (byte)' ' }).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void latin1_bytes_declared_as_utf8_are_refused()
    {
        var lying = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Sample("ISO-8859-1"))
            .Replace("encoding=\"ISO-8859-1\"", "encoding=\"UTF-8\"", StringComparison.Ordinal));

        var reading = InvoiceFiles.Read(lying, "a.xml");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBeOneOf(InvoiceProblemCodes.Malformed, InvoiceProblemCodes.Encoding);
    }
}
