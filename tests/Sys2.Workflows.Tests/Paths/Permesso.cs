using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

/// <summary>
/// An application for a permesso di costruire (workflows/sue/permesso-di-costruire.yaml): a
/// one-storey extension of a house, filed at the SUE on Monday 2 March 2026 at 9:00. The 60-day
/// proposal term starts when it is registered: 2 March + 60 = Friday 1 May (holiday) -> Saturday
/// 2 May, 23:59:59 CEST. The proposal comes on Tuesday 14 April: the 30-day final term runs to 14 May,
/// or, once a preavviso di rigetto is sent, 40 days to Sunday 24 May -> Monday 25 May (art. 20 c.6).
/// </summary>
public sealed class Permesso() : Sportello<Permesso>(
    Shipped, "SUE-H769-2026-0000012", Applied, Desk.Sue, new("start-notice", "completeness-check", ["complete", "request-documents"]),
    new("SUE-PDC", "Permesso di costruire", "segreteria", 25823, SilenzioAssenso: true), "0000073", "PEC-20260302-003073",
    new("A/2", "4", "7,5 vani", "871,52"), new("302000000001234761", "Diritti permesso di costruire – prot. 0000073", "2026-03-05T09:41:17+01:00", "BPER Banca"),
    "SUE-PDC", Application)
{
    private static readonly WorkflowDefinition Shipped = TestDefinitions.Shipped("sue/permesso-di-costruire.yaml");

    public const string Intervention = "ampliamento di un edificio residenziale unifamiliare con sopraelevazione di un piano";
    public const string ProposalBasis = "DPR 380/2001 art. 20 c.3";

    public static readonly DateTimeOffset Applied = Winter(2026, 3, 2, 9, 0);
    public static readonly DateTimeOffset PaidOn = Winter(2026, 3, 5, 10, 0);
    public static readonly DateTimeOffset FoundComplete = Winter(2026, 3, 10, 10, 0);
    public static readonly DateTimeOffset ProposalDue = EndOfSummerDay(2026, 5, 2);
    /// <summary>60 days from 2 March end on Friday 1 May, a holiday: art. 2963 c.c. moves the expiry to Saturday 2 May.</summary>
    public static readonly DateOnly ProposalShiftedFrom = new(2026, 5, 1);
    public static readonly DateTimeOffset Proposed = Summer(2026, 4, 14, 10, 0);
    public static readonly DateTimeOffset FinalDue = EndOfSummerDay(2026, 5, 14);
    public static readonly DateTimeOffset AssentAcquired = Summer(2026, 5, 7, 10, 0);

    public static readonly object Application = Document("domanda-pdc-elaborati.pdf.p7m",
        "ce014734308831ff057b199575a976f82b21b3f37af44d51112d886fc5d25d19", 18_734_511);

    public static object Inputs(bool constrained) => new
    {
        applicant = MarioRossi, designer = LauraBianchi, intervention = Intervention, application = Application, parcel = Parcel, catasto = "fabbricati", constrained,
    };

    public static readonly object Proposal = new
    {
        report = "Intervento conforme al PRG (zona B2, indice 1,5 m³/m²) e al regolamento edilizio; parere igienico favorevole",
        proposal = "favorevole",
    };

    public static readonly object Assent = new { assent = "rilasciato – autorizzazione paesaggistica n. 45/2026 (D.Lgs. 42/2004 art. 146)" };

    // ── Openers ─────────────────────────────────────────────────────────────────────────

    public static Permesso Submitted(bool constrained = false) => new Permesso().Opened(Inputs(constrained), IstruttoreSue);

    /// <summary>Registered, the start notice sent: visura and diritti running.</summary>
    public static Permesso Started(bool constrained = false) => Submitted(constrained).Catalogued().ThroughProtocol().NoticeDelivered();

    /// <summary>Visura and payment in on Thursday 5 March: the completeness check is open.</summary>
    public static Permesso AtCompletenessCheck(bool constrained = false)
    {
        var permesso = Started(constrained).VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived();
        permesso.OpenTasks().ShouldBe(["completeness-check"]);
        return permesso;
    }

    /// <summary>Complete on Tuesday 10 March: the RUP's istruttoria is open.</summary>
    public static Permesso AtIstruttoria(bool constrained = false) =>
        AtCompletenessCheck(constrained).At(FoundComplete).CompletenessCheck("complete", new { });

    /// <summary>Proposal on Tuesday 14 April (no constraints): the dirigente's final act is open, term 14 May.</summary>
    public static Permesso AtFinalAct()
    {
        var permesso = AtIstruttoria().At(Proposed).Propose(Proposal);
        permesso.OpenTasks().ShouldBe(["final-act"]);
        return permesso;
    }

    /// <summary>Constrained parcel, proposal on 14 April, assent on Thursday 7 May: the express act is open, term 6 June.</summary>
    public static Permesso AtConstrainedFinalAct()
    {
        var permesso = AtIstruttoria(constrained: true).At(Proposed).Propose(Proposal).At(AssentAcquired).AssentAcquiredWith(Assent);
        permesso.OpenTasks().ShouldBe(["final-act-constrained"]);
        return permesso;
    }

    // ── Moves ───────────────────────────────────────────────────────────────────────────

    public Permesso CompletenessCheck(string outcome, object form) => Completed("completeness-check", outcome, form, IstruttoreSue);

    /// <summary>The RUP closes the istruttoria with a report and a proposal.</summary>
    public Permesso Propose(object proposal) => Completed("istruttoria", "propose", proposal, IstruttoreSue);

    public Permesso AssentAcquiredWith(object assent) => Completed("acquire-assent", "assent-acquired", assent, IstruttoreSue);

    /// <summary>The dirigente decides at <paramref name="step"/>.</summary>
    public Permesso Decides(string step, string outcome, object form) => Completed(step, outcome, form, DirigenteSue);

    /// <summary>Registers the act, notifies it by PEC, records its receipt and archives it.</summary>
    public Permesso IssuedAndArchived(string actNumber) =>
        ActRegistered("issue", actNumber).ActDelivered("notify-issue").ArchivedAs("archive-approved", "DIGIP-H769-2026-0002" + actNumber[^3..]);

    /// <summary>The denial is registered, notified by PEC, its receipt recorded, and archived.</summary>
    public Permesso DenialArchived(string actNumber) =>
        ActRegistered("register-denial", actNumber).ActDelivered("notify-denial").ArchivedAs("archive-rejected", "DIGIP-H769-2026-0002" + actNumber[^3..]);

    // ── Expected ────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Documents were asked for: the interrupt-proposal step operates the clock (<paramref name="clock"/>: the
    /// interruption, or its refusal after the 30-day window of art. 20 c.5), the decision reads what it did, and
    /// the applicant is told the term is interrupted only when it is.
    /// </summary>
    public object[] AsksForDocuments(object clock, string missing, DateTimeOffset at)
    {
        var interrupted = clock is Cases.Events.DeadlineInterrupted;
        var (step, condition) = interrupted
            ? ("request-documents", "pratica.clocks.proposal.status == 'interrupted'")
            : ("request-documents-late", "otherwise");
        return
        [
            new Cases.Events.StepEntered("interrupt-proposal", "deadline", "main", 1), clock,
            new Cases.Events.StepEntered("interrupted", "decision", "main", 1),
            new Cases.Events.DecisionTaken("interrupted", "main", condition, step),
            .. interrupted
                ? Notifies(step, "pdc-documents-request", "Permesso di costruire prot. 0000073: documenti mancanti, termine interrotto",
                    at, new { request = missing })
                : Notifies(step, "pdc-documents-request-late", "Permesso di costruire prot. 0000073: documenti mancanti (il termine non è interrotto)",
                    at, new { request = missing }),
        ];
    }

    /// <summary>The permesso is registered as an outgoing act.</summary>
    public object[] Issues(DateTimeOffset at) => RegistersAct("issue", "Permesso di costruire – domanda prot. 0000073", at);

    /// <summary>Closed, with every term stopped or run out.</summary>
    public override void ShouldBeClosed(string outcome)
    {
        base.ShouldBeClosed(outcome);
        State.Clocks.Values.ShouldAllBe(c => c.Status == ClockStatus.Stopped || c.Status == ClockStatus.Expired);
    }
}
