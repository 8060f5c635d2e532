namespace Sys2.Invoices;

/// <summary>
/// One FatturaPA file as received: who sends it, to which office (<see cref="CodiceDestinatario"/>, the IPA codice
/// univoco ufficio for a PA), and its bodies. A file with several bodies is a <i>lotto</i>: each body is one invoice.
/// </summary>
/// <param name="Version">The <c>versione</c> attribute: FPA12 (to a PA), FPR12 (between private parties) or FSM10 (simplified).</param>
/// <param name="ProgressivoInvio">The sender's progressive for this transmission (DatiTrasmissione/ProgressivoInvio).</param>
public sealed record FatturaPaDocument(
    string Version,
    string CodiceDestinatario,
    string? PecDestinatario,
    string ProgressivoInvio,
    InvoiceParty Supplier,
    InvoiceParty Customer,
    IReadOnlyList<InvoiceBody> Bodies)
{
    public const string FormatPa = "FPA12";
    public const string FormatPrivati = "FPR12";
    public const string FormatSemplificata = "FSM10";
}

/// <summary>
/// CedentePrestatore (the supplier) or CessionarioCommittente (the customer, here the entity). The country is that of
/// IdFiscaleIVA, or of the Sede when the party has no VAT number (an entity is usually named by its codice fiscale only).
/// </summary>
/// <param name="VatNumber">IdFiscaleIVA/IdCodice; always present for a supplier, often absent for an entity.</param>
/// <param name="TaxCode">CodiceFiscale.</param>
/// <param name="Name">Denominazione, or Nome and Cognome of a person.</param>
public sealed record InvoiceParty(string CountryCode, string? VatNumber, string? TaxCode, string Name)
{
    /// <summary>Contatti/Email, when the party gave one.</summary>
    public string? Email { get; init; }
}

/// <summary>
/// One FatturaElettronicaBody: one invoice. Amounts of two decimals in the schema (totals, taxable amounts, taxes,
/// payments) are euro cents; prices of up to eight decimals stay decimals on <see cref="InvoiceLine"/>.
/// </summary>
/// <param name="Position">1-based position in the file (RiferimentoFattura/PosizioneFattura in SdI's messages).</param>
/// <param name="DocumentType">TipoDocumento: TD01 fattura, TD04 nota di credito, ...; TD07-TD09 in FSM10.</param>
/// <param name="TotalCents">ImportoTotaleDocumento, optional in the schema.</param>
/// <param name="SplitPayment">EsigibilitaIVA S in any summary: the entity pays that VAT to the State (art. 17-ter DPR 633/1972).</param>
/// <param name="StampDutyCents">DatiBollo: ImportoBollo, or the €2.00 of DM 17/6/2014 when the file says only BolloVirtuale SI.</param>
/// <param name="WithholdingCents">DatiRitenuta: the sum of every ImportoRitenuta.</param>
public sealed record InvoiceBody(
    int Position,
    string DocumentType,
    string Currency,
    DateOnly Date,
    string Number,
    long? TotalCents,
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<VatSummary> VatSummaries,
    IReadOnlyList<string> Cig,
    IReadOnlyList<string> Cup,
    bool SplitPayment,
    long? StampDutyCents,
    long? WithholdingCents,
    IReadOnlyList<PaymentInstalment> Payments)
{
    /// <summary>Causale, its repetitions joined: what the invoice is for.</summary>
    public string? Causale { get; init; }

    /// <summary>DatiGeneraliDocumento/Arrotondamento: a rounding the supplier applied to the total.</summary>
    public long? RoundingCents { get; init; }

    /// <summary>AliquotaRitenuta and the lines marked Ritenuta SI: what <see cref="WithholdingCents"/> should be a rate of.</summary>
    public IReadOnlyList<Withholding> Withholdings { get; init; } = [];
}

/// <summary>DettaglioLinee: prices as the schema has them (up to 8 decimals), the rate in percent (22.00).</summary>
/// <param name="Natura">Why a line bears no VAT (N1..N7), when <see cref="VatRate"/> is zero.</param>
/// <param name="Withholding">Ritenuta SI: the line is part of the base of the withholding tax.</param>
public sealed record InvoiceLine(
    int Number,
    string Description,
    decimal? Quantity,
    string? Unit,
    decimal UnitPrice,
    decimal TotalPrice,
    decimal VatRate,
    string? Natura,
    bool Withholding);

/// <summary>DatiRiepilogo: per VAT rate (and Natura), the taxable amount and the tax.</summary>
/// <param name="Esigibilita">EsigibilitaIVA: I immediate, D deferred, S split payment.</param>
/// <param name="Rounding">Arrotondamento of this summary (up to 8 decimals).</param>
public sealed record VatSummary(decimal VatRate, string? Natura, long TaxableCents, long TaxCents, string? Esigibilita, decimal? Rounding);

/// <summary>DettaglioPagamento: one instalment.</summary>
/// <param name="Method">ModalitaPagamento: MP01 cash, MP05 bank transfer, MP19 SEPA direct debit...</param>
public sealed record PaymentInstalment(DateOnly? DueDate, long AmountCents, string Method, string? Iban);

/// <summary>One DatiRitenuta: the kind (RT01 persons, RT02 companies...), the amount, the rate in percent.</summary>
public sealed record Withholding(string Type, long AmountCents, decimal Rate);
