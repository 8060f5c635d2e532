namespace Sys2.Integrations.MPay;

/// <summary>MPay, Marche's pagoPA intermediary: the entity's debt positions (GPD).</summary>
public interface IMPayPort
{
    /// <summary>Creates and publishes a position; the same <paramref name="idempotencyKey"/> or IUPD answers the same position.</summary>
    Task<DebtPosition> CreateDebtPositionAsync(string tenant, DebtPositionRequest request, string idempotencyKey, CancellationToken ct);

    Task<DebtPosition> GetDebtPositionAsync(string tenant, string iupd, CancellationToken ct);

    /// <summary>
    /// Closes a position that will not be paid (GPD's <c>invalidate</c>: the avviso can no longer be paid at a PSP), when
    /// its case closes without the payment. Closing a closed position answers it again; a PAID one is not closed and is
    /// answered as it is, so the caller sees the payment it did not know of.
    /// </summary>
    Task<DebtPosition> CloseDebtPositionAsync(string tenant, string iupd, CancellationToken ct);
}
