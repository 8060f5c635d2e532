namespace Sys2.Integrations.MPay;

/// <summary>
/// A debt position as GPD answers it (creation, lookup): its status and its single payment option,
/// now carrying the IUV and the numero avviso (<c>nav</c>). What the adapter does not use is optional.
/// </summary>
public sealed record DebtPositionAnswer(
    string Iupd,
    DebtPositionStatus Status,
    IReadOnlyList<PaymentOptionAnswer> PaymentOption,
    string? Organization = null,
    PayerType? Type = null,
    string? FiscalCode = null,
    string? FullName = null);

/// <summary>
/// A payment option as GPD answers it; <c>status</c> is the option's own (PO_UNPAID, PO_PAID). Once paid, GPD also
/// answers <c>paymentDate</c> and <c>idReceipt</c>, the receipt (RT) the payment produced: what reconciliation records
/// when the receipt's callback never arrived.
/// </summary>
public sealed record PaymentOptionAnswer(
    string Iuv,
    string Nav,
    long Amount,
    DateOnly DueDate,
    string? Description = null,
    string? Status = null,
    IReadOnlyList<TransferBody>? Transfer = null,
    DateTimeOffset? PaymentDate = null,
    string? IdReceipt = null);
