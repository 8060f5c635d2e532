namespace Sys2.Integrations.Protocol;

/// <summary>
/// The protocol register of an entity's AOO (DPR 445/2000 art. 53-57). A port: each comune's
/// back office (Halley and others) gets its own adapter behind it.
/// </summary>
/// <remarks>
/// A registration is never edited: it is cancelled with a reason and stays readable, and its
/// number is never given again. The same idempotency key always yields the same registration.
/// </remarks>
public interface IProtocolPort
{
    Task<ProtocolRegistration> RegisterAsync(RegistrationRequest request, string idempotencyKey, CancellationToken ct);

    /// <summary>A registration, cancelled or not.</summary>
    /// <exception cref="IntegrationException">No such registration (not transient), or the system failed.</exception>
    Task<ProtocolRegistration> GetAsync(RegistrationId id, string idempotencyKey, CancellationToken ct);

    /// <summary>Cancels a registration with a reason (art. 54): the registration and its number remain.</summary>
    Task<ProtocolRegistration> CancelAsync(RegistrationId id, string reason, string idempotencyKey, CancellationToken ct);
}

/// <summary>Where a registration lives: AOO (the entity's tenant id), register, year and number.</summary>
public sealed record RegistrationId(string Aoo, string Register, int Year, int Number);
