namespace Sys2.Invoices;

/// <summary>Imposta di bollo on invoices (DPR 642/1972, DM 17/6/2014 for electronic ones).</summary>
public static class StampDuty
{
    /// <summary>€2.00 per invoice: what BolloVirtuale SI means when the file gives no ImportoBollo.</summary>
    public const long InvoiceCents = 200;

    /// <summary>
    /// Due when the amounts without VAT (exempt, excluded, out of scope: the summaries with a Natura) exceed €77.47
    /// (art. 13 of the Tariffa, DPR 642/1972).
    /// </summary>
    public const long ThresholdCents = 7747;
}
