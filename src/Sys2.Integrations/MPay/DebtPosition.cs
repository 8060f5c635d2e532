using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sys2.Integrations.MPay;

/// <summary>
/// A debt position (posizione debitoria) as pagoPA's GPD knows it (DOMAIN.md §4): what the
/// entity asks a payer to pay, identified by the entity's IUPD. The IUV and numero avviso are
/// assigned when it is created. A paid position names its receipt (<see cref="ReceiptId"/>) and when it was paid.
/// </summary>
public sealed record DebtPosition(
    string Iupd, string Iuv, string NoticeNumber, long Amount, DateOnly DueDate, DebtPositionStatus Status,
    string? ReceiptId = null, DateTimeOffset? PaidAt = null)
{
    /// <summary>Paid in full, and reported or not to the entity's treasury: the payment was made.</summary>
    public bool IsPaid => Status is DebtPositionStatus.Paid or DebtPositionStatus.Reported;
}

/// <summary>GPD's life cycle: DRAFT → PUBLISHED → VALID → PAID (or PARTIALLY_PAID) → REPORTED; INVALID, EXPIRED.</summary>
[JsonConverter(typeof(DebtPositionStatusJsonConverter))]
public enum DebtPositionStatus { Draft, Published, Valid, PartiallyPaid, Paid, Reported, Invalid, Expired }

/// <summary>The status names on the wire (GPD spells them in upper snake case).</summary>
public static class DebtPositionStatuses
{
    private static readonly Dictionary<string, DebtPositionStatus> ByName = Enum.GetValues<DebtPositionStatus>()
        .ToDictionary(WireName, s => s, StringComparer.Ordinal);

    public static string WireName(this DebtPositionStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());

    public static bool TryParse(string? name, out DebtPositionStatus status) =>
        ByName.TryGetValue(name ?? string.Empty, out status);
}

/// <summary>Writes and reads a <see cref="DebtPositionStatus"/> by its <see cref="DebtPositionStatuses.WireName"/>.</summary>
public sealed class DebtPositionStatusJsonConverter() : JsonStringEnumConverter<DebtPositionStatus>(JsonNamingPolicy.SnakeCaseUpper);
