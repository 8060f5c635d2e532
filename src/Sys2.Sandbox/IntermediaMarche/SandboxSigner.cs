using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// Signs sample invoices as CAdES-BES attached (<c>.xml.p7m</c>), the way suppliers' signing tools do,
/// with a certificate the sandbox makes for itself. Its chain leads nowhere: the receiving side can
/// check the signature's integrity, not the signer's qualification, and must say so.
/// </summary>
public static class SandboxSigner
{
    private static readonly Lazy<X509Certificate2> Certificate = new(Make);

    public static byte[] Sign(byte[] content, DateTimeOffset at)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate.Value) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(at.UtcDateTime));
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    private static X509Certificate2 Make()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Fornitore di prova (sandbox SYS²), O=Sys2 sandbox, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        // Exported and loaded again so the private key is usable by SignedCms on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
