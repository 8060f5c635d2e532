using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Sys2.Invoices;

/// <summary>
/// The enveloped XML signature (ds:Signature, the last child of the root) SdI puts on its messages: RSA-SHA256 over
/// the whole message, the certificate in KeyInfo. Verifying checks integrity against that certificate's key; whose
/// certificate it is (SdI's, under the Agenzia's CA) is not checked offline.
/// </summary>
internal static class SdiSignature
{
    public sealed record Verification(bool Valid, string? Signer, string? Reason);

    public static void Sign(XmlDocument document, X509Certificate2 certificate)
    {
        var key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"the certificate {certificate.Subject} has no RSA private key to sign with", nameof(certificate));
        var signed = new SignedXml(document) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
        var reference = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
    }

    /// <summary>Null when the message has no signature of its own (MT, an unsigned EC).</summary>
    public static Verification? Verify(byte[] xml, InvoiceReadLimits limits)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(xml, writable: false), UntrustedXml.Settings(limits)))
            document.Load(reader);
        var element = document.DocumentElement!.ChildNodes.OfType<XmlElement>()
            .FirstOrDefault(e => e.LocalName == "Signature" && e.NamespaceURI == ShippedSchemas.DsigNamespace);
        if (element is null) return null;

        var signed = new SignedXml(document);
        try
        {
            signed.LoadXml(element);
            var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).FirstOrDefault();
            if (certificate is null) return new Verification(false, null, "no X509Certificate in KeyInfo to verify with");
            return signed.CheckSignature(certificate, verifySignatureOnly: true)
                ? new Verification(true, certificate.Subject, null)
                : new Verification(false, certificate.Subject, "the signature does not match the message (altered after signing?)");
        }
        catch (CryptographicException e)
        {
            return new Verification(false, null, e.Message);
        }
    }
}
