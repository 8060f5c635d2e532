namespace Sys2.Invoices;

/// <summary>The codes of <see cref="InvoiceProblem"/>, one place for each.</summary>
public static class InvoiceProblemCodes
{
    // Unsafe: what the file tries to do to the reader.
    public const string TooLarge = "too-large";
    public const string DocumentType = "dtd-prohibited";
    public const string TooDeep = "too-deep";
    public const string TooManyAttributes = "too-many-attributes";
    public const string TooManyCharacters = "too-many-characters";

    // Invalid: what the file says.
    public const string Empty = "empty";
    public const string Malformed = "malformed";
    public const string Encoding = "encoding";
    public const string SignatureInvalid = "signature-invalid";
    public const string UnknownFormat = "unknown-format";
    public const string Schema = "schema";
    public const string Missing = "missing";
    public const string BadValue = "bad-value";

    // Liquidation: what the entity must check before it pays.
    public const string CigMissing = "cig-missing";
    public const string CupMissing = "cup-missing";
    public const string TaxableMismatch = "taxable-mismatch";
    public const string TaxMismatch = "tax-mismatch";
    public const string TotalMismatch = "total-mismatch";
    public const string PaymentMismatch = "payment-mismatch";
    public const string WithholdingMismatch = "withholding-mismatch";
    public const string StampDutyMissing = "stamp-duty-missing";
    public const string AgenziaRiscossioneCheck = "agenzia-riscossione-check";
    public const string CurrencyNotEuro = "currency-not-euro";
}
