using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Sys2.Invoices.Tests.Support;

/// <summary>A supplier's signing certificate made in the test (RSA, self-signed), and CAdES envelopes made with it.</summary>
public static class SelfSigned
{
    public const string Subject = "CN=Mario Rossi, O=ALPHA SRL, C=IT";
    public static readonly DateTime SigningTime = new(2017, 1, 18, 9, 30, 0, DateTimeKind.Utc);

    public static X509Certificate2 Certificate { get; } = Make();

    public static byte[] Der(byte[] content, bool detached = false)
    {
        var cms = new SignedCms(new ContentInfo(content), detached);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(SigningTime));
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    /// <summary>The same envelope as base64 text, in lines of 76 characters as most tools write it.</summary>
    public static byte[] Base64(byte[] content) =>
        System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(Der(content), Base64FormattingOptions.InsertLineBreaks));

    private static X509Certificate2 Make()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
