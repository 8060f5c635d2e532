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

    /// <summary>Signed by name, or by content: DER starts with a SEQUENCE (0x30), base64 of one with "MI".</summary>
    public static bool IsSigned(string fileName, byte[] content) =>
        fileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase)
        || content is [0x30, ..]
        || Base64Text(content) is not null;

    public static Opened Open(byte[] content)
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
        if (content.Length < 4 || content[0] >= 0x80) return null;
        var text = Encoding.ASCII.GetString(content).Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            text = string.Join("", text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        text = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return text.StartsWith("MI", StringComparison.Ordinal) ? text : null;
    }

    private static Opened Refused(string reason) =>
        new(null, null, new InvoiceProblem(InvoiceProblemCodes.SignatureInvalid, $"signature: {reason}", null, null, null));
}
