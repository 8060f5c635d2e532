namespace Sys2.Integrations.MPay;

/// <summary>MPay, Marche's pagoPA intermediary: the entity's debt positions (GPD).</summary>
public interface IMPayPort
{
    /// <summary>Creates and publishes a position; the same <paramref name="idempotencyKey"/> or IUPD answers the same position.</summary>
    Task<DebtPosition> CreateDebtPositionAsync(string tenant, DebtPositionRequest request, string idempotencyKey, CancellationToken ct);

    Task<DebtPosition> GetDebtPositionAsync(string tenant, string iupd, CancellationToken ct);
}
