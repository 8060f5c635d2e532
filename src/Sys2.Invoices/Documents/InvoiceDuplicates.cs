namespace Sys2.Invoices;

/// <summary>
/// The same invoice sent twice (a supplier's retry, a second channel) is the same supplier, number, date and type:
/// SdI refuses such a duplicate itself (code 00404) only within one file, not across files.
/// </summary>
public static class InvoiceDuplicates
{
    /// <summary><c>IT01234567890|123|2017-01-18|TD01</c>; the number as the supplier wrote it, case and all.</summary>
    public static string KeyOf(FatturaPaDocument document, InvoiceBody body) =>
        string.Join('|',
            document.Supplier.CountryCode.ToUpperInvariant() + (document.Supplier.VatNumber ?? document.Supplier.TaxCode ?? ""),
            body.Number,
            body.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            body.DocumentType);
}
