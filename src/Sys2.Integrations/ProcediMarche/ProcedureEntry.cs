namespace Sys2.Integrations.ProcediMarche;

/// <summary>
/// A procedure's catalogue entry for one entity (D.Lgs. 33/2013 art. 35 c.1): legal basis,
/// offices, documents, terms, whether SCIA or silenzio-assenso applies, remedies, fees and how to pay.
/// </summary>
public sealed record ProcedureEntry(
    string Code,
    string Tenant,
    string Title,
    string Description,
    string LegalBasis,
    ProcedureOffices Offices,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    ProcedureTerms Terms,
    bool Scia,
    bool SilenzioAssenso,
    ProcedureFees Fees,
    PaymentInstructions Payment,
    string Remedies,
    string? OnlineService,
    string SubstitutePower);

/// <summary>The office that runs the istruttoria and the one that adopts the final act (art. 35 c.1 lett. b-c).</summary>
public sealed record ProcedureOffices(string Istruttoria, string FinalAct, string Contact);

/// <summary>A document or form (modulistica) the applicant must attach (art. 35 c.1 lett. d).</summary>
public sealed record RequiredDocument(string Name, string? Form);

/// <summary>The term to conclude the procedure in calendar days (art. 35 c.1 lett. f), and the other terms.</summary>
public sealed record ProcedureTerms(int DecisionDays, IReadOnlyList<ProcedureTerm> Other);

public sealed record ProcedureTerm(string Name, int Days);

/// <summary>
/// Diritti di istruttoria and di segreteria in euro cents, as the entity set them: definitions
/// read <c>result.fees.istruttoria</c> and <c>result.fees.segreteria</c>.
/// </summary>
public sealed record ProcedureFees(long Istruttoria, long Segreteria);

/// <summary>How to pay (art. 35 c.1 lett. i): through pagoPA, and what to write in the causale.</summary>
public sealed record PaymentInstructions(string Method, string Instructions);
