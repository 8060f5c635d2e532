using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;

namespace Sys2.Invoices;

/// <summary>
/// A <c>.xml.p7m</c>: CAdES, a CMS SignedData with the invoice attached, as DER or as base64 text (some suppliers'
/// software and some PEC gateways send it so). The signature's integrity is checked (verifySignatureOnly: the content
/// and the signed attributes match the signer's key); the certificate chain is not, offline.
/// </summary>
internal static class SignedEnvelope
{
    public sealed record Opened(byte[]? Content, InvoiceSignature? Signature, InvoiceProblem? Problem);

    /// <summary>Envelopes inside envelopes opened at most: three signers is already more than any supplier uses.</summary>
    public const int MaxNesting = 3;

    /// <summary>Signed by name, or by content.</summary>
    public static bool IsSigned(string fileName, byte[] content) =>
        fileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) || LooksSigned(content);

    /// <summary>DER starts with a SEQUENCE (0x30), its base64 with "MI"; XML with neither.</summary>
    public static bool LooksSigned(byte[] content) => content is [0x30, ..] || Base64Text(content) is not null;

    /// <summary>
    /// The XML inside: the content itself when it is not signed, else every envelope opened and checked in turn (a
    /// file signed again by a second signer is an envelope in an envelope, .xml.p7m.p7m or not). The outermost signer
    /// is the one recorded.
    /// </summary>
    public static Opened OpenAll(string fileName, byte[] content)
    {
        var payload = content;
        InvoiceSignature? outermost = null;
        for (var envelopes = 0; envelopes < MaxNesting && (envelopes == 0 ? IsSigned(fileName, payload) : LooksSigned(payload)); envelopes++)
        {
            var opened = Open(payload);
            if (opened.Problem is not null) return opened with { Signature = outermost };
            payload = opened.Content!;
            outermost ??= opened.Signature;
        }
        return new Opened(payload, outermost, null);
    }

    private static Opened Open(byte[] content)
    {
        var der = content is [0x30, ..] ? content : Base64Der(content);
        if (der is null)
            return Refused("the file is named .p7m but is neither DER nor base64 CMS");

        var cms = new SignedCms();
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException e)
        {
            return Refused($"the file is not a CMS SignedData: {e.Message}");
        }
        if (cms.Detached || cms.ContentInfo.Content.Length == 0)
            return Refused("the signature carries no content (a detached signature): the invoice is not in the file");
        if (cms.SignerInfos.Count == 0)
            return Refused("the CMS envelope has no signer");
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            return Refused($"the signature does not match the signed content: {e.Message}");
        }

        var signer = cms.SignerInfos[0];
        var signature = new InvoiceSignature(
            signer.Certificate?.Subject ?? "(no certificate in the envelope)",
            SigningTime(signer),
            signer.DigestAlgorithm.FriendlyName ?? signer.DigestAlgorithm.Value ?? "unknown");
        return new Opened(cms.ContentInfo.Content, signature, null);
    }

    private static DateTimeOffset? SigningTime(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
            foreach (var value in attribute.Values)
                if (value is Pkcs9SigningTime time)
                    return new DateTimeOffset(DateTime.SpecifyKind(time.SigningTime, DateTimeKind.Utc));
        return null;
    }

    private static byte[]? Base64Der(byte[] content)
    {
        if (Base64Text(content) is not { } text) return null;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The base64 body of the file, without a PEM armour and without line breaks, if it looks like CMS.</summary>
    private static string? Base64Text(byte[] content)
    {
        // Only text that starts as base64 of a SEQUENCE ("MI") or a PEM armour is decoded: not every XML file received.
        var start = content.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || !(content.AsSpan(start).StartsWith("MI"u8) || content.AsSpan(start).StartsWith("-----BEGIN"u8))) return null;
        var text = Encoding.ASCII.GetString(content).Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            text = string.Join("", text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        text = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return text.StartsWith("MI", StringComparison.Ordinal) ? text : null;
    }

    private static Opened Refused(string reason) =>
        new(null, null, new InvoiceProblem(InvoiceProblemCodes.SignatureInvalid, $"signature: {reason}", null, null, null));
}
