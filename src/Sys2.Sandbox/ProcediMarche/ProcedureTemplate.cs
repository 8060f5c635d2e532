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
    IReadOnlyList<SimulatedDocument> Documents,
    int DecisionDays,
    IReadOnlyList<SimulatedTerm> OtherTerms,
    bool Scia,
    bool SilenzioAssenso,
    (long Min, long Max) Istruttoria,
    (long Min, long Max) Segreteria,
    string Remedies)
{
    public const long FeeStep = 500;
}

public sealed record SimulatedDocument(string Name, string? Form);

public sealed record SimulatedTerm(string Name, int Days);
