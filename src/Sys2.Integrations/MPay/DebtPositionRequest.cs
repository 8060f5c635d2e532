using System.Text.Json.Serialization;
using Sys2.Workflows.Formats.FiscalCodes;

namespace Sys2.Integrations.MPay;

/// <summary>The debtor: <c>F</c> a natural person, <c>G</c> a legal person (GPD's payer type).</summary>
public sealed record Payer(PayerType Type, string FiscalCode, string FullName, string? Email);

[JsonConverter(typeof(JsonStringEnumConverter<PayerType>))]
public enum PayerType { F, G }

/// <summary>One beneficiary share of a payment: which account receives how much, for what (taxonomy).</summary>
public sealed record Transfer(long Amount, string RemittanceInformation, string Category, string Iban);

/// <summary>The single payment option of a position (no instalments here): amount in euro cents.</summary>
public sealed record PaymentOption(long Amount, string Description, DateOnly DueDate, IReadOnlyList<Transfer> Transfers);

/// <summary>
/// What the entity asks MPay to create. <see cref="Metadata"/> travels back in the receipt, so the
/// receipt can be routed to its case without a lookup.
/// </summary>
public sealed record DebtPositionRequest(
    string Iupd, Payer Payer, PaymentOption Option, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>GPD's limit on a payment option's description and on a transfer's remittance information.</summary>
    public const int MaxDescriptionLength = 140;

    /// <summary>GPD accepts at most five transfers (beneficiaries) per payment option.</summary>
    public const int MaxTransfers = 5;

    public const int MaxIupdLength = 256;

    /// <summary>Every rule the request breaks, each naming its field; empty when it can be sent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Iupd) || Iupd.Length > MaxIupdLength)
            problems.Add($"iupd: required, at most {MaxIupdLength} characters");
        if (!CodiceFiscale.TryParse(Payer.FiscalCode, out var cf, out var error))
            problems.Add($"payer.fiscalCode: {error}");
        else if (Payer.Type == PayerType.F && !cf.IsPersonal)
            problems.Add($"payer.type: F (person) needs a 16-character codice fiscale, got '{cf.Value}'");
        if (string.IsNullOrWhiteSpace(Payer.FullName))
            problems.Add("payer.fullName: required");
        if (Option.Amount <= 0)
            problems.Add($"paymentOption.amount: must be a positive number of euro cents, got {Option.Amount}");
        if (string.IsNullOrWhiteSpace(Option.Description) || Option.Description.Length > MaxDescriptionLength)
            problems.Add($"paymentOption.description: required, at most {MaxDescriptionLength} characters (got {Option.Description?.Length ?? 0})");
        if (Option.Transfers.Count is 0 or > MaxTransfers)
            problems.Add($"paymentOption.transfer: between 1 and {MaxTransfers} transfers, got {Option.Transfers.Count}");
        else if (Option.Transfers.Sum(t => t.Amount) != Option.Amount)
            problems.Add($"paymentOption.transfer: the transfers add up to {Option.Transfers.Sum(t => t.Amount)}, not the amount {Option.Amount}");
        for (var i = 0; i < Option.Transfers.Count; i++)
        {
            var t = Option.Transfers[i];
            if (t.Amount <= 0) problems.Add($"paymentOption.transfer[{i}].amount: must be positive");
            if (string.IsNullOrWhiteSpace(t.RemittanceInformation) || t.RemittanceInformation.Length > MaxDescriptionLength)
                problems.Add($"paymentOption.transfer[{i}].remittanceInformation: required, at most {MaxDescriptionLength} characters");
            if (string.IsNullOrWhiteSpace(t.Category))
                problems.Add($"paymentOption.transfer[{i}].category: the taxonomy code is required");
            if (!Iban.IsValid(t.Iban))
                problems.Add($"paymentOption.transfer[{i}].iban: '{t.Iban}' is not a valid IBAN");
        }
        return problems;
    }
}
