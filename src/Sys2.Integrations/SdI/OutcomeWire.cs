namespace Sys2.Integrations.SdI;

/// <summary>An outcome message on the wire to IntermediaMarche: the SdI file name and the XML, base64.</summary>
public sealed record OutcomeBody(string IdentificativoSdI, string FileName, string ContentBase64);

/// <summary>IntermediaMarche's acknowledgement of an outcome message.</summary>
public sealed record OutcomeAnswer(string MessageId, DateTimeOffset AcceptedAt);

/// <summary>
/// A file or an SdI message on the wire from IntermediaMarche to the entity: the file's name, its
/// bytes (base64) and, for an invoice, SdI's metadata message (MT, base64) and the delivery time.
/// </summary>
public sealed record DeliveryBody(string FileName, string ContentBase64, string? MetadataBase64 = null, DateTimeOffset? DeliveredAt = null);
