namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>Section <c>Sandbox:IntermediaMarche</c>.</summary>
public sealed class IntermediaMarcheSandboxOptions
{
    public const string Section = "Sandbox:IntermediaMarche";

    /// <summary>Where invoice files are delivered (the entity's receiving endpoint); none: deliveries are refused.</summary>
    public Uri? DeliveryUrl { get; set; }

    /// <summary>Where SdI's messages about delivered files (NE, SE, DT) are posted.</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>Shared secret: each post carries <c>X-Sys2-Signature: sha256=HMAC(secret, body)</c>, as MPay's receipts do.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>Attempts to deliver one SdI message while the receiver answers "not now" (409) or fails.</summary>
    public int DeliveryAttempts { get; set; } = 8;

    /// <summary>The pause between two attempts (doubled each time).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
