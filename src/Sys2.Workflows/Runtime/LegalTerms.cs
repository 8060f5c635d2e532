namespace Sys2.Workflows.Runtime;

/// <summary>Terms fixed by law rather than by a definition: one place for each.</summary>
public static class LegalTerms
{
    /// <summary>
    /// Art. 10-bis L. 241/1990, second period: "entro il termine di dieci giorni dal ricevimento della
    /// comunicazione" the applicant may file observations. A term in days: it ends at the end of its
    /// last day and moves past a holiday (art. 2963 c.c.), and runs from the applicant's receipt.
    /// </summary>
    public const int PreavvisoObservationDays = 10;

    public const string PreavvisoBasis = "L. 241/1990 art. 10-bis";

    /// <summary>SdI: the outcome (EC01/EC02) must be sent within 15 days of receipt, else decorrenza termini.</summary>
    public static readonly TimeSpan SdiOutcomeWindow = TimeSpan.FromDays(15);
}
