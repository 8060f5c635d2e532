namespace Sys2.Integrations.SdI;

/// <summary>
/// SdI as the entities reach it: through IntermediaMarche, the regional intermediary that receives
/// the invoices for the 64 entities and carries their outcome messages back to SdI. A port: a
/// direct SdI channel (SDICoop) would be another adapter behind it.
/// </summary>
public interface ISdiPort
{
    /// <summary>
    /// Hands an outcome message (<c>NotificaEsitoCommittente</c>, EC01 or EC02) to the intermediary
    /// for SdI. SdI's verdict on it (NE forwarded, or SE discarded) comes back later as a message of its own.
    /// The same idempotency key always yields the same acceptance, never a second message.
    /// </summary>
    Task<OutcomeAccepted> SendOutcomeAsync(string tenant, OutcomeMessage message, string idempotencyKey, CancellationToken ct);
}

/// <summary>An outcome message as it travels: its SdI file name and its XML bytes.</summary>
public sealed record OutcomeMessage(string IdentificativoSdI, string FileName, byte[] Content);

/// <summary>The intermediary took the message: its own id and the time it took it.</summary>
public sealed record OutcomeAccepted(string MessageId, DateTimeOffset AcceptedAt);
