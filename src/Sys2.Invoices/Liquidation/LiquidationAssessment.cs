namespace Sys2.Invoices;

/// <summary>
/// One invoice body weighed for liquidation: every failed check, and the money: the document's total, the VAT the
/// entity pays to the State itself (split payment), the withholding it pays to the Treasury, what goes to the supplier.
/// </summary>
/// <param name="TotalCents">ImportoTotaleDocumento, or Σ ImponibileImporto + Σ Imposta (+ Arrotondamento) when the file has none.</param>
/// <param name="VatToStateCents">Σ Imposta of the summaries with EsigibilitaIVA S.</param>
/// <param name="AmountToSupplierCents">The total less the split-payment VAT and the withholding: for split payment, the taxable amount only.</param>
/// <param name="AboveAgenziaRiscossioneThreshold">The payment is over €5,000: art. 48-bis DPR 602/1973 asks for the check first.</param>
public sealed record LiquidationAssessment(
    IReadOnlyList<InvoiceProblem> Problems,
    long TotalCents,
    long VatToStateCents,
    long WithholdingCents,
    long? StampDutyCents,
    long AmountToSupplierCents,
    bool AboveAgenziaRiscossioneThreshold)
{
    public bool Liquidable => Problems.Count == 0;
}
