namespace Sys2.Workflows.Runtime;

/// <summary>Terms fixed by law rather than by a definition: one place for each.</summary>
public static class LegalTerms
{
    /// <summary>Art. 10-bis L. 241/1990: the applicant has 10 days to present observations to a preavviso di rigetto.</summary>
    public static readonly TimeSpan PreavvisoObservations = TimeSpan.FromDays(10);

    public const string PreavvisoBasis = "L. 241/1990 art. 10-bis";

    /// <summary>SdI: the outcome (EC01/EC02) must be sent within 15 days of receipt, else decorrenza termini.</summary>
    public static readonly TimeSpan SdiOutcomeWindow = TimeSpan.FromDays(15);
}
