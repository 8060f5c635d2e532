namespace Sys2.Sandbox.MPay;

/// <summary>Section <c>Sandbox:MPay</c>.</summary>
public sealed class MPaySandboxOptions
{
    public const string Section = "Sandbox:MPay";

    /// <summary>Where receipts are posted (<c>Sandbox:MPay:CallbackUrl</c>); none: receipts are only logged.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>With out-of-order callbacks injected, receipts are held this long and then sent newest first.</summary>
    public TimeSpan OutOfOrderWindow { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Deliveries of one receipt before it is given up (a real PSP retries too).</summary>
    public int DeliveryAttempts { get; set; } = 3;

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Shared secret the receiver checks (<c>Sandbox:MPay:CallbackSecret</c>): each receipt carries
    /// <c>X-Sys2-Signature: sha256=HMAC(secret, body)</c>, so a receipt cannot be forged by whoever can reach the endpoint.
    /// </summary>
    public string? CallbackSecret { get; set; }
}
