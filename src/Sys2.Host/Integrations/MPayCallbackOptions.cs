namespace Sys2.Host.Integrations;

/// <summary>
/// <c>Sys2:Integrations:mpay:CallbackSecret</c>: the secret MPay signs its receipts with. Without
/// it every receipt is refused: an unauthenticated endpoint would let anyone mark a case paid.
/// In sandbox mode a fresh random secret is shared with the simulator at start-up. The
/// <c>Reconcile*</c> settings tune <see cref="PaymentReconciliation"/>.
/// </summary>
public sealed class MPayCallbackOptions
{
    public string? CallbackSecret { get; set; }

    /// <summary>How often (real time) the host looks for payment waits due for a check with MPay.</summary>
    public TimeSpan ReconcilePolling { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A wait is checked once it is this close to its timeout (engine's clock), so a payment made is recorded before the reminder.</summary>
    public TimeSpan ReconcileBeforeTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>And every this often while it waits (the daily check).</summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromDays(1);
}
