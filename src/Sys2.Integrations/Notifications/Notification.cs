namespace Sys2.Integrations.Notifications;

/// <summary>An email to one person: the Message-Id is fixed by the caller so that resending is recognisable.</summary>
public sealed record EmailNotification(string ToAddress, string? ToName, string Subject, string Body, string Template, string MessageId)
{
    /// <summary>The entity (tenant) that sends it, in the <see cref="EntityHeader"/> header: a mailbox shared by several entities can sort by it.</summary>
    public string? Entity { get; init; }

    public const string EntityHeader = "X-Sys2-Entity";
}

/// <summary>One SMS to an E.164 number; the text is already within one GSM message.</summary>
public sealed record SmsNotification(string To, string Text)
{
    /// <summary>The entity that sends it, as the gateway's client reference (header <see cref="EmailNotification.EntityHeader"/>).</summary>
    public string? Entity { get; init; }
}

/// <summary>Sends email (SMTP). Answers the Message-Id the message carried.</summary>
public interface IEmailPort
{
    Task<string> SendAsync(EmailNotification email, CancellationToken ct);
}

/// <summary>Sends SMS through the gateway; the same idempotency key sends once. Answers the gateway's message id.</summary>
public interface ISmsPort
{
    Task<string> SendAsync(SmsNotification sms, string idempotencyKey, CancellationToken ct);
}
