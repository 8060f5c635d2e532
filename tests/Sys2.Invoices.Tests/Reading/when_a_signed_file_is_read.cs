namespace Sys2.Invoices.Tests.Reading;

/// <summary>A supplier's .xml.p7m (CAdES attached), made in the test with a self-signed certificate.</summary>
public class when_a_signed_file_is_read
{
    private static readonly byte[] Sample = Fixtures.Sample("IT01234567890_FPA01.xml");

    [Fact]
    public void a_der_envelope_verifies_and_yields_the_invoice()
    {
        var signed = SelfSigned.Der(Sample);

        var reading = InvoiceFiles.Read(signed, "IT01234567890_FPA01.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        reading.Payload.ShouldBe(Sample);
        reading.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed)));
        reading.Document!.Bodies.ShouldHaveSingleItem().Number.ShouldBe("123");
    }

    [Fact]
    public void the_signer_signing_time_and_digest_are_recorded_and_the_chain_is_said_unchecked()
    {
        var reading = InvoiceFiles.Read(SelfSigned.Der(Sample), "IT01234567890_FPA01.xml.p7m");

        var signature = reading.Signature.ShouldNotBeNull();
        signature.Signer.ShouldBe(SelfSigned.Certificate.Subject);
        signature.SigningTime.ShouldBe(new DateTimeOffset(SelfSigned.SigningTime));
        signature.DigestAlgorithm.ShouldBe("sha256");
        signature.ChainChecked.ShouldBeFalse();
        signature.Note.ShouldBe("certificate chain not checked offline");
    }

    [Fact]
    public void a_base64_envelope_verifies_and_yields_the_same_payload()
    {
        var reading = InvoiceFiles.Read(SelfSigned.Base64(Sample), "IT01234567890_FPA01.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Valid, string.Join("\n", reading.Problems));
        reading.Payload.ShouldBe(Sample);
        reading.Signature!.Signer.ShouldBe(SelfSigned.Certificate.Subject);
    }

    [Fact]
    public void one_byte_changed_in_the_signed_content_is_refused()
    {
        var signed = SelfSigned.Der(Sample);
        var at = signed.AsSpan().IndexOf("ALPHA SRL"u8);
        at.ShouldBeGreaterThan(0);
        signed[at] = (byte)'B';

        var reading = InvoiceFiles.Read(signed, "IT01234567890_FPA01.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        var problem = reading.Problems.ShouldHaveSingleItem();
        problem.Code.ShouldBe(InvoiceProblemCodes.SignatureInvalid);
        problem.Message.ShouldStartWith("signature: the signature does not match the signed content");
        reading.Document.ShouldBeNull();
        reading.Payload.ShouldBeNull();
    }

    [Fact]
    public void a_detached_signature_is_refused_for_carrying_no_invoice()
    {
        var reading = InvoiceFiles.Read(SelfSigned.Der(Sample, detached: true), "IT01234567890_FPA01.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Message.ShouldContain("detached");
    }

    [Fact]
    public void a_p7m_that_is_not_cms_is_refused()
    {
        var reading = InvoiceFiles.Read("MIIBogus-not-base64!"u8.ToArray(), "IT01234567890_FPA01.xml.p7m");

        reading.Verdict.ShouldBe(InvoiceVerdict.Invalid);
        reading.Problems.ShouldHaveSingleItem().Code.ShouldBe(InvoiceProblemCodes.SignatureInvalid);
    }
}
