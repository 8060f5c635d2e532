namespace Sys2.Integrations.SigmaTer;

/// <summary>SigmaTER, the regional gateway to the cadastre (Agenzia delle Entrate data): visure by parcel.</summary>
public interface ISigmaTerPort
{
    /// <summary>
    /// The visura of <paramref name="parcel"/>. A parcel the cadastre does not know is an answer
    /// (<see cref="Visura.Found"/> false), not a failure.
    /// </summary>
    /// <exception cref="IntegrationException">The request is invalid (not transient), or the system failed.</exception>
    Task<Visura> VisuraAsync(ParcelKey parcel, string idempotencyKey, CancellationToken ct);
}
