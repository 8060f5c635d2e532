using Sys2.Workflows.Formats;

namespace Sys2.Integrations.Notifications;

/// <summary>
/// The Message-Id of a notification, derived from the call's idempotency key: a redelivered call
/// sends a message with the same id, which the receiving side (and the sandbox sink) drop.
/// </summary>
public static class MessageIds
{
    public static string For(string idempotencyKey, string domain) =>
        $"{Sha256Hex.Of(idempotencyKey)[..32]}@{domain}";
}
