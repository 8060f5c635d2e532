using System.Globalization;

namespace Sys2.Sandbox.MPay;

/// <summary>Section <c>Sandbox:MPay</c>.</summary>
public sealed class MPaySandboxOptions
{
    public const string Section = "Sandbox:MPay";

    /// <summary>Where receipts are posted (<c>Sandbox:MPay:CallbackUrl</c>); none: receipts are only logged.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>With out-of-order callbacks injected, receipts are held this long and then sent newest first.</summary>
    public TimeSpan OutOfOrderWindow { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// <c>Sandbox:MPay:RetrySchedule</c>: the waits between one delivery of a receipt and the next, comma separated
    /// (<c>hh:mm:ss</c>), measured on the simulator's <see cref="TimeProvider"/>; after the last the receipt is given up.
    /// The default is an assumption, not a quotation: a first retry after a minute, then 5 and 30 minutes, then hours
    /// doubling, stopping within a day of the payment (1m, 5m, 30m, 1h, 2h, 4h, 8h, 8h: 23 h 36 m in all), the shape of
    /// the pagoPA node's retries of a receipt (<c>paSendRT</c>) toward an entity that does not answer. Check it against
    /// MPay's and pagoPA GPD's own documentation before relying on it; the host does not: it also asks MPay
    /// (reconciliation), so a receipt never delivered is still recorded.
    /// </summary>
    public string RetrySchedule { get; set; } = "00:01:00,00:05:00,00:30:00,01:00:00,02:00:00,04:00:00,08:00:00,08:00:00";

    /// <summary>How often (real time) the dispatcher looks for retries that have come due on its clock.</summary>
    public TimeSpan RetryPolling { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Shared secret the receiver checks (<c>Sandbox:MPay:CallbackSecret</c>): each receipt carries
    /// <c>X-Sys2-Signature: sha256=HMAC(secret, body)</c>, so a receipt cannot be forged by whoever can reach the endpoint.
    /// </summary>
    public string? CallbackSecret { get; set; }

    /// <summary><see cref="RetrySchedule"/> read; an empty schedule delivers once.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays() =>
        [.. RetrySchedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => TimeSpan.Parse(d, CultureInfo.InvariantCulture))];
}
