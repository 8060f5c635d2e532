namespace Sys2.Integrations.Notifications;

/// <summary>The SMS gateway's <c>POST messages</c>: an E.164 number, a text within one GSM message, the sender shown.</summary>
public sealed record SmsBody(string To, string Text, string? Sender);

/// <summary>The gateway's answer: its message id and the number it will send to.</summary>
public sealed record SmsAnswer(string Id, string To, string? Status = null, DateTimeOffset? AcceptedAt = null);
