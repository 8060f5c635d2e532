namespace Sys2.Integrations.DigiP;

/// <summary>What DigiP answers to a SIP: a rapporto di versamento, or a rejection with its reasons.</summary>
public abstract record VersamentoOutcome;

/// <summary>The hub took charge of the SIP: its id, when (UTC), and the SHA-256 of the SIP as received.</summary>
public sealed record RapportoDiVersamento(string Id, DateTimeOffset ReceivedAt, string SipDigest) : VersamentoOutcome;

/// <summary>The SIP was refused; each reason names the file and, for a hash mismatch, both digests.</summary>
public sealed record SipRejected(IReadOnlyList<RejectionReason> Reasons) : VersamentoOutcome
{
    public override string ToString() => string.Join("; ", Reasons);
}

public sealed record RejectionReason(string File, string Problem, string? Expected = null, string? Actual = null)
{
    public override string ToString() =>
        Expected is null ? $"{File}: {Problem}" : $"{File}: {Problem} (expected {Expected}, actual {Actual})";
}
