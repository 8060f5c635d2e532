namespace Sys2.Integrations.DigiP;

/// <summary>DigiP, the regional preservation hub: takes SIPs and answers a rapporto di versamento or a rejection.</summary>
public interface IDigiPPort
{
    Task<VersamentoOutcome> SubmitAsync(string tenant, SubmissionPackage sip, string idempotencyKey, CancellationToken ct);
}
