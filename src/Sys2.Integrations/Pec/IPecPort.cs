namespace Sys2.Integrations.Pec;

/// <summary>The act attached to a PEC message: its bytes, file name and media type.</summary>
public sealed record PecAttachment(string Name, string MediaType, byte[] Content);

/// <summary>
/// One PEC message to a domicilio digitale. The Message-Id is fixed by the caller so that a resent
/// message is recognised by the provider; <see cref="Entity"/> and <see cref="CaseId"/> travel as
/// headers the provider's receipts carry back, so a receipt finds its case.
/// </summary>
public sealed record PecMessage(string ToAddress, string? ToName, string Subject, string Body, string Template, string MessageId, PecAttachment Act)
{
    public required string Entity { get; init; }

    public required string CaseId { get; init; }

    public const string EntityHeader = "X-Sys2-Entity";
    public const string CaseHeader = "X-Sys2-Case";
}

/// <summary>
/// The provider's ricevuta di accettazione (DPR 68/2005 art. 6 c.1): the message was taken, under
/// the provider's own message id, at that time. Delivery is told later by the ricevuta di avvenuta
/// (or mancata) consegna, which comes back as a callback.
/// </summary>
public sealed record PecAcceptance(string ProviderMessageId, DateTimeOffset AcceptedAt);

/// <summary>Submits a PEC message to the entity's provider.</summary>
public interface IPecPort
{
    Task<PecAcceptance> SendAsync(PecMessage message, CancellationToken ct);
}
