using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;

namespace Sys2.Integrations.Protocol;

/// <summary>
/// The AOO's electronic seal over its segnature. Allegato 6 §3 (and the schema's own note on
/// <c>SegnaturaInformatica</c>) asks for an XAdES baseline B signature (ETSI EN 319 132-1 v1.1.1) as the last element,
/// <c>ds:Signature</c>: here enveloped, over the whole segnatura (exclusive canonicalisation, SHA-256, RSA-SHA256),
/// with the signer's certificate in <c>KeyInfo</c> and the XAdES <c>SignedProperties</c> (<c>SigningTime</c>,
/// <c>SigningCertificateV2</c>, <c>DataObjectFormat</c>) signed by a reference of their own.
/// </summary>
public sealed class SegnaturaSeal(X509Certificate2 certificate)
{
    public const string XadesNamespace = "http://uri.etsi.org/01903/v1.3.2#";
    private const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";
    private const string SignatureId = "segnatura-sigillo";
    private const string SignedPropertiesId = SignatureId + "-signedprops";
    private const string ContentReferenceId = SignatureId + "-ref-segnatura";

    public X509Certificate2 Certificate { get; } = certificate ?? throw new ArgumentNullException(nameof(certificate));

    /// <summary>A self-signed seal for an AOO that has none of its own (the sandbox register, tests), over <paramref name="key"/>.</summary>
    public static SegnaturaSeal SelfSigned(string subject, RSA key, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, critical: true));
        using var made = request.CreateSelfSigned(notBefore.AddDays(-1), notBefore.AddYears(10));
        // Exported and read back so the private key is usable on every platform.
        return new SegnaturaSeal(X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null));
    }

    /// <summary>The segnatura with its signature: the bytes to send and keep (the signature covers them as they are).</summary>
    public string Sign(XDocument unsigned, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(unsigned);
        var document = Segnatura.Load(unsigned.Declaration + unsigned.ToString(SaveOptions.DisableFormatting));
        var key = Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the seal's certificate has no RSA private key");

        var signedProperties = SignedProperties(document, signingTime);
        var signed = new XadesSignedXml(document, signedProperties) { SigningKey = key };
        signed.Signature.Id = SignatureId;
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;

        var content = new Reference(string.Empty) { Id = ContentReferenceId, DigestMethod = SignedXml.XmlDsigSHA256Url };
        content.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        content.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(content);

        var properties = new Reference("#" + SignedPropertiesId) { Type = SignedPropertiesType, DigestMethod = SignedXml.XmlDsigSHA256Url };
        properties.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(properties);

        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(Certificate));
        signed.KeyInfo = keyInfo;

        var qualifying = document.CreateElement("xades", "QualifyingProperties", XadesNamespace);
        qualifying.SetAttribute("Target", "#" + SignatureId);
        qualifying.AppendChild(signedProperties);
        var holder = document.CreateElement("holder");
        holder.AppendChild(qualifying);
        signed.AddObject(new DataObject { Data = holder.ChildNodes });

        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
        return document.OuterXml;
    }

    /// <summary>
    /// The certificate that signed <paramref name="document"/>, once its one <c>ds:Signature</c> (the root's last
    /// child) checks out over the segnatura as it stands. Integrity only: whether the certificate is the AOO's is the
    /// trust list's question, not answered offline.
    /// </summary>
    /// <exception cref="FormatException">No signature, or one that does not match the content.</exception>
    public static X509Certificate2 Verify(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var signatures = document.DocumentElement?.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures is null || signatures.Count != 1 || signatures[0]!.ParentNode != document.DocumentElement)
            throw new FormatException("the segnatura must carry exactly one ds:Signature, as the last child of SegnaturaInformatica");
        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)signatures[0]!);
        var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).FirstOrDefault()
            ?? throw new FormatException("the segnatura's signature carries no certificate");
        if (signed.SignedInfo?.References.OfType<Reference>().Any(r => r.Uri == string.Empty) != true)
            throw new FormatException("the segnatura's signature does not cover the whole segnatura");
        if (!signed.CheckSignature(certificate, verifySignatureOnly: true))
            throw new FormatException("the segnatura's signature does not match its content");
        return certificate;
    }

    private XmlElement SignedProperties(XmlDocument document, DateTimeOffset signingTime)
    {
        XmlElement X(string name, params XmlNode?[] children)
        {
            var element = document.CreateElement("xades", name, XadesNamespace);
            foreach (var child in children.OfType<XmlNode>()) element.AppendChild(child);
            return element;
        }

        XmlElement Ds(string name) => document.CreateElement("ds", name, SignedXml.XmlDsigNamespaceUrl);
        XmlText Text(string text) => document.CreateTextNode(text);

        var digestMethod = Ds("DigestMethod");
        digestMethod.SetAttribute("Algorithm", SignedXml.XmlDsigSHA256Url);
        var digestValue = Ds("DigestValue");
        digestValue.AppendChild(Text(Convert.ToBase64String(SHA256.HashData(Certificate.RawData))));

        var dataObjectFormat = X("DataObjectFormat", X("MimeType", Text("text/xml")));
        dataObjectFormat.SetAttribute("ObjectReference", "#" + ContentReferenceId);

        var properties = X("SignedProperties",
            X("SignedSignatureProperties",
                X("SigningTime", Text(signingTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                X("SigningCertificateV2", X("Cert", X("CertDigest", digestMethod, digestValue)))),
            X("SignedDataObjectProperties", dataObjectFormat));
        properties.SetAttribute("Id", SignedPropertiesId);
        return properties;
    }

    /// <summary>Finds the SignedProperties while they are still outside the document (signing time).</summary>
    private sealed class XadesSignedXml(XmlDocument document, XmlElement signedProperties) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            base.GetIdElement(document, idValue) ?? (idValue == signedProperties.GetAttribute("Id") ? signedProperties : null);
    }
}
