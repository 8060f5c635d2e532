namespace Sys2.Invoices;

/// <summary>What the entity's liquidation of one invoice requires, beyond what every invoice must satisfy.</summary>
public sealed record LiquidationRules
{
    public static LiquidationRules Default { get; } = new();

    /// <summary>
    /// Tolerance between ImponibileImporto and the sum of its lines' PrezzoTotale: ±€1.00, the tolerance of SdI's own
    /// check 00422 (prices of up to 8 decimals rounded line by line may not add up to the rounded total).
    /// </summary>
    public const long SdiTaxableToleranceCents = 100;

    /// <summary>CodiceCIG is required (L. 136/2010, traceability of public contracts: no CIG, no payment).</summary>
    public bool RequireCig { get; init; }

    /// <summary>CodiceCUP is required (L. 3/2003 art. 11: an investment project's expenses carry its CUP).</summary>
    public bool RequireCup { get; init; }

    public long TaxableToleranceCents { get; init; } = SdiTaxableToleranceCents;

    /// <summary>Imposta = ImponibileImporto × AliquotaIVA, rounded to the cent: ±1 cent for the rounding direction.</summary>
    public long TaxToleranceCents { get; init; } = 1;

    /// <summary>ImportoRitenuta = base × AliquotaRitenuta, rounded to the cent.</summary>
    public long WithholdingToleranceCents { get; init; } = 1;

    /// <summary>
    /// The verification of art. 48-bis DPR 602/1973 (is the supplier in arrears with Agenzia delle Entrate-Riscossione?)
    /// has been made for this payment. Needed only above <see cref="LiquidationChecks.AgenziaRiscossioneThresholdCents"/>.
    /// </summary>
    public bool AgenziaRiscossioneVerified { get; init; }
}
