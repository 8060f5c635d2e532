using System.Globalization;

namespace Sys2.Integrations.MPay;

/// <summary>
/// The body of GPD's <c>POST organizations/{tenant}/debtpositions</c>, as the adapter sends it and
/// the sandbox reads it: the payer flattened into the position, one payment option with its
/// transfers, and the metadata that comes back in the receipt.
/// </summary>
public sealed record DebtPositionBody(
    string Iupd,
    PayerType Type,
    string FiscalCode,
    string FullName,
    string? Email,
    IReadOnlyList<PaymentOptionBody> PaymentOption,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static DebtPositionBody From(DebtPositionRequest request) => new(
        request.Iupd, request.Payer.Type, request.Payer.FiscalCode, request.Payer.FullName, request.Payer.Email,
        [new PaymentOptionBody(request.Option.Amount, request.Option.Description, request.Option.DueDate,
            request.Option.Transfers.Select((t, i) => new TransferBody(t.Amount, t.RemittanceInformation, t.Category, t.Iban, (i + 1).ToString(CultureInfo.InvariantCulture))).ToList())],
        request.Metadata);

    /// <summary>The request this body asks for, or null (with the reason in <paramref name="problems"/>) when it has no single payment option.</summary>
    public DebtPositionRequest? ToRequest(List<string> problems)
    {
        if (PaymentOption is not [var option])
        {
            problems.Add("paymentOption: exactly one payment option is supported");
            return null;
        }

        return new DebtPositionRequest(
            Iupd,
            new Payer(Type, FiscalCode, FullName, Email),
            new PaymentOption(option.Amount, option.Description, option.DueDate,
                option.Transfer.Select(t => new Transfer(t.Amount, t.RemittanceInformation, t.Category, t.Iban)).ToList()),
            Metadata ?? new Dictionary<string, string>());
    }
}

/// <summary>A payment option as GPD writes it on creation: amount in euro cents, due date <c>yyyy-MM-dd</c>; no instalments.</summary>
public sealed record PaymentOptionBody(long Amount, string Description, DateOnly DueDate, IReadOnlyList<TransferBody> Transfer, bool IsPartialPayment = false);

/// <summary>A transfer; GPD numbers it within its option (<c>idTransfer</c> 1 to 5).</summary>
public sealed record TransferBody(long Amount, string RemittanceInformation, string Category, string Iban, string? IdTransfer = null);
