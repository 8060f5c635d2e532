using System.Text.Json.Serialization;

namespace Sys2.Integrations.MPay;

/// <summary>
/// The receipt callback's body as MPay posts it (see <see cref="PaymentReceiptParser"/>). Every
/// field is optional here because the caller is on the network: the parser names each one missing.
/// </summary>
public sealed record PaymentReceiptBody(
    string? Tenant,
    string? Iupd,
    string? Iuv,
    string? NoticeNumber,
    long? Amount,
    string? PaidAt,
    string? ReceiptId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyDictionary<string, string>? Metadata);
