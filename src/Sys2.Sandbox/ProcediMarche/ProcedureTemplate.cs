using Sys2.Integrations.ProcediMarche;

namespace Sys2.Sandbox.ProcediMarche;

/// <summary>
/// What is the same for every entity in a procedure's catalogue entry, and the range within
/// which each entity sets its fees (euro cents, in steps of <see cref="FeeStep"/>).
/// </summary>
internal sealed record ProcedureTemplate(
    string Code,
    string Title,
    string Description,
    string LegalBasis,
    string Office,
    string FinalActOffice,
    IReadOnlyList<RequiredDocument> Documents,
    int DecisionDays,
    IReadOnlyList<ProcedureTerm> OtherTerms,
    bool Scia,
    bool SilenzioAssenso,
    (long Min, long Max) Istruttoria,
    (long Min, long Max) Segreteria,
    string Remedies)
{
    public const long FeeStep = 500;
}
