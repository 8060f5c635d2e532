namespace Sys2.Integrations.DigiP;

/// <summary>DigiP's 201 (or, for a key already accepted, 200) to a SIP: the rapporto di versamento.</summary>
public sealed record RapportoAnswer(string Id, DateTimeOffset ReceivedAt, string SipDigest, string? Tenant = null);

/// <summary>DigiP's 422 to a SIP it refused: every reason, each naming the file.</summary>
public sealed record RejectionAnswer(IReadOnlyList<RejectionReason> Reasons, string? Outcome = "rejected");
