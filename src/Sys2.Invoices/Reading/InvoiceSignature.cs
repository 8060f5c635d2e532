namespace Sys2.Invoices;

/// <summary>
/// The CAdES signature of a <c>.xml.p7m</c>: its integrity was verified (the signed content and attributes match the
/// signer's key), who signed and when they said they did. The certificate chain and its revocation are not checked:
/// that needs the trusted lists and OCSP, which an offline reader does not have.
/// </summary>
public sealed record InvoiceSignature(string Signer, DateTimeOffset? SigningTime, string DigestAlgorithm)
{
    public const string ChainNotCheckedNote = "certificate chain not checked offline";

    public bool ChainChecked => false;

    public string Note => ChainNotCheckedNote;
}
