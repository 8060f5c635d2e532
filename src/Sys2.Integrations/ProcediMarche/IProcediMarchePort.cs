namespace Sys2.Integrations.ProcediMarche;

/// <summary>
/// ProcediMarche, the regional catalogue of administrative procedures: what D.Lgs. 33/2013
/// art. 35 obliges each entity to publish about a procedure, fees included (they are per entity).
/// </summary>
public interface IProcediMarchePort
{
    /// <summary>The catalogue entry of <paramref name="code"/> as published by <paramref name="tenant"/>.</summary>
    /// <exception cref="IntegrationException">Unknown code or entity (not transient), or the system failed.</exception>
    Task<ProcedureEntry> LookupAsync(string tenant, string code, string idempotencyKey, CancellationToken ct);
}
