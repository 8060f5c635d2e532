namespace Sys2.Invoices;

/// <summary>EsigibilitaIVA: when the VAT of a summary is due, and to whom.</summary>
public static class EsigibilitaIva
{
    public const string Immediate = "I";
    public const string Deferred = "D";

    /// <summary>
    /// Scissione dei pagamenti (art. 17-ter DPR 633/1972): the public entity pays the invoice's VAT straight to the
    /// State, and only the taxable amount to the supplier.
    /// </summary>
    public const string SplitPayment = "S";
}
