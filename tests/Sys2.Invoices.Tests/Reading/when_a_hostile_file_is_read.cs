using System.Diagnostics;

namespace Sys2.Invoices.Tests.Reading;

/// <summary>
/// Attacks on the parser are refused as Unsafe before anything is expanded: fast (the bound is generous: it is a
/// shared machine, and an expansion would take minutes) and within a few megabytes of memory.
/// </summary>
public class when_a_hostile_file_is_read
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);
    private const long FewMegabytes = 32L * 1024 * 1024;

    private static InvoiceFileReading ReadMeasured(byte[] content, string fileName = "attack.xml")
    {
        InvoiceFiles.Read("<a/>"u8.ToArray(), "warm.xml"); // the reader's code compiled before the clock starts
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var reading = InvoiceFiles.Read(content, fileName);
        clock.Elapsed.ShouldBeLessThan(Fast);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(FewMegabytes + 4L * content.Length);
        return reading;
    }

    [Fact]
    public void billion_laughs_is_refused_unexpanded()
    {
        var reading = ReadMeasured(AttackFiles.BillionLaughs());

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.DocumentType);
        reading.Document.ShouldBeNull();
        reading.Payload.ShouldBeNull();
    }

    [Fact]
    public void an_external_entity_to_etc_passwd_is_refused_and_the_file_never_read()
    {
        var reading = ReadMeasured(AttackFiles.ExternalEntity("/etc/passwd"));

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.DocumentType);
        reading.Problems.ShouldAllBe(p => !p.Message.Contains("root:"));
    }

    [Fact]
    public void a_quadratic_blowup_is_refused_unexpanded()
    {
        var reading = ReadMeasured(AttackFiles.QuadraticBlowup());

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.DocumentType);
    }

    [Fact]
    public void a_doctype_after_comments_and_white_space_is_still_seen()
    {
        var text = System.Text.Encoding.UTF8.GetString(AttackFiles.ExternalEntity())
            .Replace("<!DOCTYPE", "<!-- a comment -->\n<?pi x?>\n   <!DOCTYPE", StringComparison.Ordinal);

        ReadMeasured(System.Text.Encoding.UTF8.GetBytes(text)).Verdict.ShouldBe(InvoiceVerdict.Unsafe);
    }

    [Fact]
    public void a_doctype_in_utf16_is_still_seen()
    {
        var text = System.Text.Encoding.UTF8.GetString(AttackFiles.BillionLaughs()).Replace("version=\"1.0\"", "version=\"1.0\" encoding=\"UTF-16\"", StringComparison.Ordinal);

        ReadMeasured([.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]).Verdict.ShouldBe(InvoiceVerdict.Unsafe);
    }

    [Fact]
    public void a_file_over_five_megabytes_is_refused_before_it_is_parsed()
    {
        var reading = ReadMeasured(AttackFiles.Padded(Fixtures.Sample("IT01234567890_FPA01.xml"), InvoiceReadLimits.SdiMaxFileBytes));

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.TooLarge);
    }

    [Fact]
    public void a_smaller_size_limit_is_honoured()
    {
        var sample = Fixtures.Sample("IT01234567890_FPA01.xml");

        var reading = InvoiceFiles.Read(sample, "a.xml", new InvoiceReadLimits { MaxFileBytes = sample.Length - 1 });

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Message.ShouldBe($"the file is {sample.Length} bytes, over the limit of {sample.Length - 1} (SdI refuses files over 5 MB)");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(100_000)]
    public void deep_nesting_is_refused_at_the_depth_limit(int depth)
    {
        var reading = ReadMeasured(AttackFiles.DeepNesting(depth));

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        var problem = reading.Problems.ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.TooDeep);
        problem.Message.ShouldBe("line 1: element a is nested 65 deep, over the limit of 64");
    }

    [Fact]
    public void an_element_with_a_thousand_attributes_is_refused()
    {
        var reading = ReadMeasured(AttackFiles.ManyAttributes(1000));

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Problems.ShouldHaveSingleItem().Message.ShouldBe("line 1: element a has 1000 attributes, over the limit of 32");
    }

    [Fact]
    public void an_attack_inside_a_signed_file_is_refused_too()
    {
        var signed = SelfSigned.Der(AttackFiles.BillionLaughs());

        var reading = ReadMeasured(signed, "attack.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Unsafe);
        reading.Signature.ShouldNotBeNull();
        reading.Payload.ShouldBeNull();
    }
}
