using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sys2.Invoices;

/// <summary>
/// A self-signed certificate made once per process, for the messages the schema wants signed when no real key is
/// given: the sandbox's SdI simulator and the tests. Its subject says what it is; nobody should trust it for more.
/// </summary>
public static class SdiSandboxSigner
{
    public const string Subject = "CN=SdI sandbox - Sys2 simulator - not SdI, O=Sys2";

    private static readonly Lazy<X509Certificate2> Made = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        // Exported and imported again so the private key is usable on every platform, not only as an ephemeral key.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    });

    public static X509Certificate2 Certificate => Made.Value;
}
