using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/sue/permesso-di-costruire.yaml, every path with the decider alone.
// DPR 380/2001 art. 20; L. 241/1990 art. 2 c.9-bis, 10-bis.
//
// The 60-day proposal term starts when the application is registered on Monday 2 March 2026:
// 2 March + 60 = Friday 1 May (holiday) -> Saturday 2 May, 23:59:59 CEST. The proposal
// comes on Tuesday 14 April: the 30-day final term runs to 14 May.
public class when_a_sue_permesso_di_costruire_case_runs
{
    private const string CaseId = "SUE-H769-2026-0000012";
    private const string Intervention = "ampliamento di un edificio residenziale unifamiliare con sopraelevazione di un piano";

    private static readonly WorkflowDefinition Definition = TestDefinitions.Shipped("sue/permesso-di-costruire.yaml");

    private static readonly DateTimeOffset Applied = Winter(2026, 3, 2, 9, 0);
    private static readonly DateTimeOffset ProposalDue = EndOfSummerDay(2026, 5, 2);
    private static readonly DateTimeOffset Proposed = Summer(2026, 4, 14, 10, 0);
    private static readonly DateTimeOffset FinalDue = EndOfSummerDay(2026, 5, 14);

    private static readonly object Application = Document("domanda-pdc-elaborati.pdf.p7m",
        "ce014734308831ff057b199575a976f82b21b3f37af44d51112d886fc5d25d19", 18_734_511);

    private static object Inputs(bool constrained) => new
    {
        applicant = MarioRossi, designer = LauraBianchi, intervention = Intervention, application = Application, parcel = Parcel, constrained,
    };

    private static readonly object Catalogue = new { code = "SUE-PDC", title = "Permesso di costruire", fees = new { segreteria = 25823 } };
    private static readonly object Protocol = new { number = "0000073", date = "2026-03-02", aoo = "H769-AOO1" };
    private static readonly object Delivered = new { messageId = "PEC-20260302-003073", status = "consegnato" };
    private static readonly object Visura = new
    {
        categoria = "A/2", classe = "4", consistenza = "7,5 vani", rendita = "871,52",
        intestati = new[] { new { fiscalCode = "RSSMRA45D25F205N", diritto = "Proprietà per 1/1" } },
    };
    private static readonly object Avviso = new { noticeNumber = "302000000001234761", iuv = "02000000001234761", amount = 25823 };
    private static readonly object Receipt = new { paidAt = "2026-03-05T09:41:17+01:00", iuv = "02000000001234761", amount = 25823, psp = "BPER Banca" };

    private static readonly object Proposal = new
    {
        report = "Intervento conforme al PRG (zona B2, indice 1,5 m³/m²) e al regolamento edilizio; parere igienico favorevole",
        proposal = "favorevole",
    };

    private const string ProposalBasis = "DPR 380/2001 art. 20 c.3";

    private static IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore,
        string token = "main", int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, token, attempt);

    /// <summary>Registered, the start notice sent: visura and diritti running.</summary>
    private static CaseScenario Started(bool constrained = false)
    {
        var scenario = new CaseScenario(Definition, Applied);
        scenario.Submit(CaseId, Inputs(constrained), IstruttoreSue);
        scenario.Answer("catalogue", Catalogue);
        scenario.Answer("protocol", Protocol);
        scenario.Answer("start-notice", Delivered);
        return scenario;
    }

    /// <summary>Visura and payment in on Thursday 5 March: the completeness check is open.</summary>
    private static CaseScenario AtCompletenessCheck(bool constrained = false)
    {
        var scenario = Started(constrained);
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);
        scenario.At(Winter(2026, 3, 5, 10, 0)).Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["completeness-check"]);
        return scenario;
    }

    /// <summary>Complete on Tuesday 10 March: the RUP's istruttoria is open.</summary>
    private static CaseScenario AtIstruttoria(bool constrained = false)
    {
        var scenario = AtCompletenessCheck(constrained);
        scenario.At(Winter(2026, 3, 10, 10, 0)).Complete("completeness-check", "complete", new { }, IstruttoreSue);
        return scenario;
    }

    /// <summary>Proposal on Tuesday 14 April (no constraints): the dirigente's final act is open, term 14 May.</summary>
    private static CaseScenario AtFinalAct()
    {
        var scenario = AtIstruttoria();
        scenario.At(Proposed).Complete("istruttoria", "propose", Proposal, IstruttoreSue);
        scenario.OpenTasks().ShouldBe(["final-act"]);
        return scenario;
    }

    private static void ShouldBeClosed(CaseScenario scenario, string outcome)
    {
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe(outcome);
        scenario.State.Tokens.ShouldBeEmpty();
        scenario.State.Clocks.Values.ShouldAllBe(c => c.Status == ClockStatus.Stopped || c.Status == ClockStatus.Expired);
    }

    /// <summary>Registers the act, notifies it and archives it.</summary>
    private static void IssueAndArchive(CaseScenario scenario, string actNumber)
    {
        scenario.Answer("issue", new { number = actNumber, date = scenario.Now.ToString("yyyy-MM-dd") });
        scenario.Answer("notify-issue", Delivered);
        scenario.Answer("archive-approved", new { id = "DIGIP-H769-2026-0002" + actNumber[^3..] });
    }

    // ── Application, visura and diritti ─────────────────────────────────────────────────

    [Fact]
    public void the_application_is_registered_the_proposal_term_starts_and_the_applicant_learns_who_is_responsible()
    {
        var scenario = new CaseScenario(Definition, Applied);
        scenario.Submit(CaseId, Inputs(false), IstruttoreSue).ShouldBeEvents(
            new CaseOpened(CaseId, "H769", "sue.permesso-di-costruire", 1, Definition.ContentHash, "sue", Obj(Inputs(false)), "marco.galli", Applied),
            new StepEntered("catalogue", "call", "main", 1),
            Requested("catalogue", "procedimarche.lookup", new { code = "SUE-PDC" }, Applied));

        scenario.Answer("catalogue", Catalogue).ShouldBeEvents(
            new IntegrationSucceeded("catalogue", "main", "procedimarche.lookup", 1, Obj(Catalogue)),
            new VariablesSet("catalogue", Obj(new { fee = 25823 })),
            new StepEntered("protocol", "call", "main", 1),
            new DeadlineStarted("proposal", "60d", ProposalDue, 1, ProposalBasis),
            Requested("protocol", "protocol.register", new
            {
                direction = "incoming", sender = MarioRossi, subject = "Permesso di costruire – " + Intervention, document = Application,
            }, Applied));

        scenario.Answer("protocol", Protocol).ShouldBeEvents(
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, Obj(Protocol)),
            new VariablesSet("protocol", Obj(new { protocolNumber = "0000073", protocolDate = "2026-03-02" })),
            new StepEntered("start-notice", "call", "main", 1),
            Requested("start-notice", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-start-notice",
                subject = "Permesso di costruire prot. 0000073: avvio del procedimento e responsabile",
            }, Applied));

        scenario.Answer("start-notice", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("start-notice", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "completeness-check", ["checks/visura", "checks/needs-fee"]),
            new StepEntered("visura", "call", "checks/visura", 1),
            Requested("visura", "sigmater.visura", new { parcel = Parcel }, Applied, token: "checks/visura"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
            new StepEntered("request-payment", "call", "checks/needs-fee", 1),
            Requested("request-payment", "mpay.request-payment", new
            {
                payer = MarioRossi, amount = 25823, description = "Diritti permesso di costruire – prot. 0000073",
            }, Applied, token: "checks/needs-fee"));
    }

    [Fact]
    public void the_completeness_check_opens_when_the_visura_and_the_payment_receipt_are_in()
    {
        var scenario = Started();

        scenario.Answer("visura", Visura).ShouldBeEvents(
            new IntegrationSucceeded("visura", "checks/visura", "sigmater.visura", 1, Obj(Visura)),
            new VariablesSet("visura", Obj(new { cadastre = Visura })),
            new BranchFinished("checks", "checks/visura", "completeness-check"));
        scenario.Answer("request-payment", Avviso).ShouldBeEvents(
            new IntegrationSucceeded("request-payment", "checks/needs-fee", "mpay.request-payment", 1, Obj(Avviso)),
            new VariablesSet("request-payment", Obj(new { noticeNumber = "302000000001234761" })),
            new StepEntered("await-payment", "wait", "checks/needs-fee", 1),
            new WaitStarted("await-payment", "checks/needs-fee", "payment-received", EndOfWinterDay(2026, 3, 17), 1));

        // Due in 10 days: 5 March + 10 = Sunday 15 March -> Monday 16 March.
        scenario.At(Winter(2026, 3, 5, 10, 0)).Receive("payment-received", Receipt).ShouldBeEvents(
            new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
            new VariablesSet("await-payment", Obj(new { paidAt = "2026-03-05T09:41:17+01:00" })),
            new BranchFinished("checks", "checks/needs-fee", "completeness-check"),
            new BranchesJoined("checks", "main", "completeness-check"),
            new StepEntered("completeness-check", "task", "main", 1),
            new TaskAssigned("completeness-check", "main", "clerk", "SUE", ["complete", "request-documents"], EndOfWinterDay(2026, 3, 16)));
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_and_an_unpaid_avviso_gets_a_reminder()
    {
        var scenario = Started();
        scenario.Fail("visura", "SigmaTER: 503", transient: false).OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("manual-visura", "checks/visura", "clerk", "SUE", ["done"], EndOfWinterDay(2026, 3, 7)));
        scenario.Complete("manual-visura", "done", new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. A/2 cl. 4" }, IstruttoreSue)
            .OfType<BranchFinished>().ShouldBeEvents(new BranchFinished("checks", "checks/visura", "completeness-check"));
        scenario.Answer("request-payment", Avviso);

        scenario.WaitTimesOut("await-payment").OfType<IntegrationRequested>().ShouldBeEvents(
            Requested("payment-reminder", "notify.applicant", new
            {
                to = MarioRossi, template = "payment-reminder",
                subject = "Permesso di costruire prot. 0000073: diritti non pagati, avviso 302000000001234761",
            }, EndOfWinterDay(2026, 3, 17), token: "checks/needs-fee"));
        // Completeness due 17 March + 10 = Friday 27 March.
        scenario.Answer("payment-reminder", Delivered).OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("completeness-check", "main", "clerk", "SUE", ["complete", "request-documents"], EndOfWinterDay(2026, 3, 27)));
    }

    // ── Approval without constraints ────────────────────────────────────────────────────

    [Fact]
    public void the_proposal_stops_its_term_and_starts_the_thirty_days_for_the_final_act()
    {
        var scenario = AtCompletenessCheck();

        // Istruttoria due 10 March + 45 = Friday 24 April.
        scenario.At(Winter(2026, 3, 10, 10, 0)).Complete("completeness-check", "complete", new { }, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("completeness-check", "main", "complete", "marco.galli", "clerk", "SUE", Obj(new { })),
            new VariablesSet("completeness-check", Obj(new { missing = (string?)null })),
            new StepEntered("istruttoria", "task", "main", 1),
            new TaskAssigned("istruttoria", "main", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 4, 24)));

        // Final term 14 April + 30 = Thursday 14 May; the dirigente's task is due 14 April + 20 = Monday 4 May.
        scenario.At(Proposed).Complete("istruttoria", "propose", Proposal, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("istruttoria", "main", "propose", "marco.galli", "clerk", "SUE", Obj(Proposal)),
            new VariablesSet("istruttoria", Obj(Proposal)),
            new StepEntered("proposal-made", "decision", "main", 1),
            new DeadlineStopped("proposal", 2),
            new DecisionTaken("proposal-made", "main", "otherwise", "start-final"),
            new StepEntered("start-final", "deadline", "main", 1),
            new DeadlineStarted("final", "30d", FinalDue, 1, "DPR 380/2001 art. 20 c.6"),
            new StepEntered("final-act", "task", "main", 1),
            new TaskAssigned("final-act", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 5, 4)));
    }

    [Fact]
    public void a_grant_within_the_term_issues_the_permesso_and_closes_approved()
    {
        var scenario = AtFinalAct();
        var grantedAt = Summer(2026, 4, 28, 12, 0);
        var form = new { notes = "Si rilascia il permesso sulla proposta favorevole del RUP" };

        scenario.At(grantedAt).Complete("final-act", "grant", form, DirigenteSue).ShouldBeEvents(
            new TaskCompleted("final-act", "main", "grant", "elena.ricci", "manager", "SUE", Obj(form)),
            new VariablesSet("final-act", Obj(new { decisionNotes = form.notes, reasons = (string?)null })),
            new StepEntered("granted", "deadline", "main", 1),
            new DeadlineStopped("final", 2),
            new StepEntered("issue", "call", "main", 1),
            Requested("issue", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Permesso di costruire – domanda prot. 0000073",
            }, grantedAt));
        scenario.Answer("issue", new { number = "0000301", date = "2026-04-28" }).ShouldBeEvents(
            new IntegrationSucceeded("issue", "main", "protocol.register", 1, Obj(new { number = "0000301", date = "2026-04-28" })),
            new VariablesSet("issue", Obj(new { actNumber = "0000301" })),
            new StepEntered("notify-issue", "call", "main", 1),
            Requested("notify-issue", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-issued", subject = "Permesso di costruire rilasciato, prot. 0000301",
            }, grantedAt));
        scenario.Answer("notify-issue", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("notify-issue", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive-approved", "call", "main", 1),
            Requested("archive-approved", "digip.archive", new { protocolNumber = "0000073", documentType = "SUE-PDC", document = Application }, grantedAt));
        scenario.Answer("archive-approved", new { id = "DIGIP-H769-2026-0002301" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-approved", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0002301" })),
            new VariablesSet("archive-approved", Obj(new { preservationId = "DIGIP-H769-2026-0002301" })),
            new StepEntered("approved", "end", "main", 1),
            new CaseClosed("approved", "approved", null));

        ShouldBeClosed(scenario, "approved");
        scenario.History.OfType<StepEntered>().Select(s => s.Step).ShouldBe([
            "catalogue", "protocol", "start-notice", "checks", "visura", "needs-fee", "request-payment", "await-payment",
            "completeness-check", "istruttoria", "proposal-made", "start-final", "final-act", "granted", "issue",
            "notify-issue", "archive-approved", "approved"]);
    }

    [Fact]
    public void an_act_that_cannot_be_registered_raises_an_incident_and_a_retry_issues_it()
    {
        var scenario = AtFinalAct();
        var grantedAt = Summer(2026, 4, 28, 12, 0);
        scenario.At(grantedAt).Complete("final-act", "grant", new { notes = "Rilascio" }, DirigenteSue);

        scenario.Fail("issue", "Protocollo: 400 registro chiuso per manutenzione", transient: false).ShouldBeEvents(
            new IntegrationFailed("issue", "main", "protocol.register", 1, "Protocollo: 400 registro chiuso per manutenzione", false),
            new IncidentRaised("issue", "main", "protocol.register", 1, "permanent failure: Protocollo: 400 registro chiuso per manutenzione"));
        scenario.MainStep.ShouldBe("issue");

        var retried = Summer(2026, 4, 29, 8, 30);
        scenario.At(retried).When(new RetryIncident("issue", DirigenteSue)).ShouldBeEvents(
            new IncidentResolved("issue", "main", "retried", "elena.ricci"),
            Requested("issue", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Permesso di costruire – domanda prot. 0000073",
            }, retried, attempt: 2));
        IssueAndArchive(scenario, "0000305");

        ShouldBeClosed(scenario, "approved");
    }

    // ── Interruption for missing documents (art. 20 c.5): the full term restarts ───────

    private static readonly object MissingDocuments = new
    {
        missing = "Relazione geologica e geotecnica (NTC 2018) e calcolo dei volumi esistenti asseverato",
    };

    private static readonly DateTimeOffset Interrupted = Winter(2026, 3, 20, 10, 0);

    [Fact]
    public void missing_documents_interrupt_the_proposal_term_which_restarts_in_full_on_receipt()
    {
        var scenario = AtCompletenessCheck();

        scenario.At(Interrupted).Complete("completeness-check", "request-documents", MissingDocuments, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("completeness-check", "main", "request-documents", "marco.galli", "clerk", "SUE", Obj(MissingDocuments)),
            new VariablesSet("completeness-check", Obj(MissingDocuments)),
            new StepEntered("request-documents", "call", "main", 1),
            new DeadlineInterrupted("proposal", 2, "DPR 380/2001 art. 20 c.5"),
            Requested("request-documents", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-documents-request",
                subject = "Permesso di costruire prot. 0000073: documenti mancanti, termine interrotto",
                request = "Relazione geologica e geotecnica (NTC 2018) e calcolo dei volumi esistenti asseverato",
            }, Interrupted));
        scenario.State.Clocks["proposal"].Status.ShouldBe(ClockStatus.Interrupted);
        scenario.State.Clocks["proposal"].DueAt.ShouldBeNull();

        // The request gives 60 days: 20 March + 60 = Tuesday 19 May.
        scenario.Answer("request-documents", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("request-documents", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-documents", "wait", "main", 1),
            new WaitStarted("await-documents", "main", "documents-received", EndOfSummerDay(2026, 5, 19), 1));

        // Received Friday 10 April: the full 60 days from then, 10 April + 60 = Tuesday 9 June
        // (not what was left on 20 March). The istruttoria is due 10 April + 45 = Monday 25 May.
        var payload = new
        {
            documents = new[] { Document("relazione-geologica.pdf.p7m", "3f695bc7bc26ceb92434e3e8e00c4d04656bd411b1e03abb4c8a025ce61a47e4", 6_022_310) },
        };
        scenario.At(Summer(2026, 4, 10, 11, 0)).Receive("documents-received", payload).ShouldBeEvents(
            new ExternalEventReceived("await-documents", "main", "documents-received", Obj(payload)),
            new StepEntered("documents-received", "deadline", "main", 1),
            new DeadlineResumed("proposal", EndOfSummerDay(2026, 6, 9), 3, "restarted in full after the interruption"),
            new StepEntered("istruttoria", "task", "main", 1),
            new TaskAssigned("istruttoria", "main", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 5, 25)));
        scenario.Refused(new InterruptDeadline("proposal", IstruttoreSue)).Code.ShouldBe("interruption-used");

        scenario.At(Summer(2026, 5, 20, 10, 0)).Complete("istruttoria", "propose", Proposal, IstruttoreSue)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("proposal", 4));
        scenario.Complete("final-act", "grant", new { notes = "Rilascio" }, DirigenteSue);
        IssueAndArchive(scenario, "0000340");

        ShouldBeClosed(scenario, "approved");
    }

    [Fact]
    public void documents_that_never_arrive_leave_the_term_interrupted_and_the_rup_proposes_on_the_file()
    {
        var scenario = AtCompletenessCheck();
        scenario.At(Interrupted).Complete("completeness-check", "request-documents", MissingDocuments, IstruttoreSue);
        scenario.Answer("request-documents", Delivered);

        // Istruttoria due 19 May + 45 = Friday 3 July. The term stays interrupted.
        scenario.WaitTimesOut("await-documents").ShouldBeEvents(
            new WaitTimedOut("await-documents", "main", "documents-received"),
            new StepEntered("documents-not-received", "call", "main", 1),
            Requested("documents-not-received", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-documents-missing",
                subject = "Permesso di costruire prot. 0000073: documenti non pervenuti, si procede sugli atti",
            }, EndOfSummerDay(2026, 5, 19)));
        scenario.Answer("documents-not-received", Delivered).OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("istruttoria", "main", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 7, 3)));
        scenario.State.Clocks["proposal"].Status.ShouldBe(ClockStatus.Interrupted);

        var contraria = new { report = "Manca la relazione geologica: non è verificabile la fattibilità della sopraelevazione", proposal = "contraria" };
        scenario.At(Summer(2026, 5, 26, 10, 0)).Complete("istruttoria", "propose", contraria, IstruttoreSue)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("proposal", 3));
        scenario.OpenTasks().ShouldBe(["final-act"]);
    }

    // ── Denial through the preavviso di rigetto ─────────────────────────────────────────

    [Fact]
    public void a_denial_goes_through_the_preavviso_and_after_the_observations_is_adopted()
    {
        var scenario = AtFinalAct();
        var deniedAt = Summer(2026, 5, 4, 10, 0);
        var form = new
        {
            notes = "Sopraelevazione oltre l'altezza massima di zona",
            reasons = "L'altezza di progetto (10,80 m) supera la massima di 9,50 m (art. 18 NTA del PRG)",
        };

        // Left on 4 May 10:00 CEST (08:00 UTC) until 14 May 21:59:59 UTC: 10 days 13:59:59.
        scenario.At(deniedAt).Complete("final-act", "deny", form, DirigenteSue).ShouldBeEvents(
            new TaskCompleted("final-act", "main", "deny", "elena.ricci", "manager", "SUE", Obj(form)),
            new VariablesSet("final-act", Obj(new { decisionNotes = form.notes, reasons = form.reasons })),
            new StepEntered("preavviso", "call", "main", 1),
            new DeadlineSuspended("final", "preavviso", new TimeSpan(10, 13, 59, 59), Summer(2026, 5, 14, 10, 0), 2, "L. 241/1990 art. 10-bis"),
            Requested("preavviso", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-preavviso",
                subject = "Permesso di costruire prot. 0000073: motivi ostativi, osservazioni entro 10 giorni", reasons = form.reasons,
            }, deniedAt));

        // Observations within 10 days of 4 May: to the end of Thursday 14 May.
        scenario.Answer("preavviso", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("preavviso", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-observations", "wait", "main", 1),
            new WaitStarted("await-observations", "main", "observations-received", EndOfSummerDay(2026, 5, 14), 1));

        // Observations filed on Monday 11 May: the term restarts 10 days later (art. 10-bis, DL
        // 76/2020). The 10 days left on 4 May (5 – 14 May) are counted from 11 May, to Thursday
        // 21 May, and suspended again until 21 May 9:00: left from 11 May 07:00 UTC to 21 May
        // 21:59:59 UTC, 10 days 14:59:59. The dirigente's task is due 11 + 10 = Thursday 21 May.
        var observations = new { text = "L'altezza va misurata all'intradosso dell'ultimo solaio: 9,40 m, come da tavola 7 allegata" };
        scenario.At(Summer(2026, 5, 11, 9, 0)).Receive("observations-received", observations).ShouldBeEvents(
            new ExternalEventReceived("await-observations", "main", "observations-received", Obj(observations)),
            new VariablesSet("await-observations", Obj(new { observations = observations.text })),
            new StepEntered("observations-received", "deadline", "main", 1),
            new DeadlineResumed("final", EndOfSummerDay(2026, 5, 21), 3, "resumed"),
            new DeadlineSuspended("final", "preavviso", new TimeSpan(10, 14, 59, 59), Summer(2026, 5, 21, 9, 0), 4, "L. 241/1990 art. 10-bis"),
            new StepEntered("final-after-observations", "task", "main", 1),
            new TaskAssigned("final-after-observations", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 5, 21)));

        // The end of the 10 days from the preavviso (14 May) no longer restarts the term.
        scenario.At(Summer(2026, 5, 14, 10, 0)).When(new TimerFired(TimerKind.SuspensionLimit, "final", 2)).ShouldBeEmpty();
        scenario.State.Clocks["final"].Status.ShouldBe(ClockStatus.Suspended);

        var decidedAt = Summer(2026, 5, 18, 16, 0);
        var decision = new { notes = "La tavola 7 misura l'altezza all'estradosso: 10,80 m confermati; osservazioni respinte" };
        scenario.At(decidedAt).Complete("final-after-observations", "deny", decision, DirigenteSue).ShouldBeEvents(
            new TaskCompleted("final-after-observations", "main", "deny", "elena.ricci", "manager", "SUE", Obj(decision)),
            new VariablesSet("final-after-observations", Obj(new { decisionNotes = decision.notes })),
            new StepEntered("denied", "deadline", "main", 1),
            new DeadlineStopped("final", 5),
            new StepEntered("register-denial", "call", "main", 1),
            Requested("register-denial", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi,
                subject = "Diniego del permesso di costruire – domanda prot. 0000073", reasons = decision.notes,
            }, decidedAt));
        scenario.Answer("register-denial", new { number = "0000355", date = "2026-05-18" }).OfType<IntegrationRequested>().ShouldBeEvents(
            Requested("notify-denial", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-denied", subject = "Permesso di costruire negato, prot. 0000355",
            }, decidedAt));
        scenario.Answer("notify-denial", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0002355" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-rejected", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0002355" })),
            new VariablesSet("archive-rejected", Obj(new { preservationId = "DIGIP-H769-2026-0002355" })),
            new StepEntered("rejected", "end", "main", 1),
            new CaseClosed("rejected", "rejected", null));

        ShouldBeClosed(scenario, "rejected");
    }

    // ── Silenzio-assenso (art. 20 c.8) ──────────────────────────────────────────────────

    [Fact]
    public void no_final_act_within_thirty_days_of_the_proposal_is_silenzio_assenso()
    {
        var scenario = AtFinalAct();

        scenario.ClockExpires("final").ShouldBeEvents(
            new DeadlineExpired("final", "silenzio-assenso", 2),
            new StepAbandoned("final-act", "main", "clock 'final' expired"),
            new StepEntered("deemed-approved", "call", "main", 1),
            Requested("deemed-approved", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-silenzio-assenso",
                subject = "Permesso di costruire prot. 0000073: termine decorso, silenzio-assenso",
            }, FinalDue));
        scenario.Answer("deemed-approved", Delivered);
        scenario.Answer("archive-deemed", new { id = "DIGIP-H769-2026-0002400" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-deemed", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0002400" })),
            new VariablesSet("archive-deemed", Obj(new { preservationId = "DIGIP-H769-2026-0002400" })),
            new StepEntered("deemed-approved-end", "end", "main", 1),
            new CaseClosed("deemed-approved", "deemed-approved-end", null));

        ShouldBeClosed(scenario, "deemed-approved");
        scenario.State.Clocks["final"].Status.ShouldBe(ClockStatus.Expired);
    }

    [Fact]
    public void with_no_proposal_in_sixty_days_the_dirigente_decides_without_it_and_silence_still_approves()
    {
        var scenario = AtIstruttoria();

        // The final term starts at once: 2 May + 30 = Monday 1 June; the task is due 2 May + 20 = Friday 22 May.
        scenario.ClockExpires("proposal").ShouldBeEvents(
            new DeadlineExpired("proposal", "none", 2),
            new StepAbandoned("istruttoria", "main", "clock 'proposal' expired"),
            new StepEntered("proposal-overdue", "decision", "main", 1),
            new DecisionTaken("proposal-overdue", "main", "otherwise", "start-final"),
            new StepEntered("start-final", "deadline", "main", 1),
            new DeadlineStarted("final", "30d", EndOfSummerDay(2026, 6, 1), 1, "DPR 380/2001 art. 20 c.6"),
            new StepEntered("final-act", "task", "main", 1),
            new TaskAssigned("final-act", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 5, 22)));
        scenario.Refused(new CompleteTask("istruttoria", "propose", Obj(Proposal), IstruttoreSue)).Code.ShouldBe("no-open-task");

        scenario.ClockExpires("final").OfType<DeadlineExpired>().ShouldBeEvents(new DeadlineExpired("final", "silenzio-assenso", 2));
        scenario.Answer("deemed-approved", Delivered);
        scenario.Answer("archive-deemed", new { id = "DIGIP-H769-2026-0002410" });

        ShouldBeClosed(scenario, "deemed-approved");
    }

    // ── With constraints: express act, never silenzio-assenso (art. 20 c.9) ─────────────

    private static readonly object Assent = new { assent = "rilasciato – autorizzazione paesaggistica n. 45/2026 (D.Lgs. 42/2004 art. 146)" };
    private static readonly DateTimeOffset AssentAcquired = Summer(2026, 5, 7, 10, 0);

    /// <summary>Constrained parcel, proposal on 14 April, assent on Thursday 7 May: the express act is open, term 6 June.</summary>
    private static CaseScenario AtConstrainedFinalAct()
    {
        var scenario = AtIstruttoria(constrained: true);
        scenario.At(Proposed).Complete("istruttoria", "propose", Proposal, IstruttoreSue);
        scenario.At(AssentAcquired).Complete("acquire-assent", "assent-acquired", Assent, IstruttoreSue);
        scenario.OpenTasks().ShouldBe(["final-act-constrained"]);
        return scenario;
    }

    [Fact]
    public void with_constraints_the_assent_comes_first_and_the_thirty_days_run_from_it()
    {
        var scenario = AtIstruttoria(constrained: true);

        // The assent task is due 14 April + 60 = Saturday 13 June; no term of the office runs.
        scenario.At(Proposed).Complete("istruttoria", "propose", Proposal, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("istruttoria", "main", "propose", "marco.galli", "clerk", "SUE", Obj(Proposal)),
            new VariablesSet("istruttoria", Obj(Proposal)),
            new StepEntered("proposal-made", "decision", "main", 1),
            new DeadlineStopped("proposal", 2),
            new DecisionTaken("proposal-made", "main", "inputs.constrained == true", "acquire-assent"),
            new StepEntered("acquire-assent", "task", "main", 1),
            new TaskAssigned("acquire-assent", "main", "clerk", "SUE", ["assent-acquired"], EndOfSummerDay(2026, 6, 13)));

        // 7 May + 30 = Saturday 6 June; the dirigente's task is due 7 May + 20 = Wednesday 27 May.
        scenario.At(AssentAcquired).Complete("acquire-assent", "assent-acquired", Assent, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("acquire-assent", "main", "assent-acquired", "marco.galli", "clerk", "SUE", Obj(Assent)),
            new VariablesSet("acquire-assent", Obj(Assent)),
            new StepEntered("start-final-express", "deadline", "main", 1),
            new DeadlineStarted("final-express", "30d", EndOfSummerDay(2026, 6, 6), 1, "DPR 380/2001 art. 20 c.9; L. 241/1990 art. 2"),
            new StepEntered("final-act-constrained", "task", "main", 1),
            new TaskAssigned("final-act-constrained", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 5, 27)));
        scenario.State.Clocks.ContainsKey("final").ShouldBeFalse();

        var grantedAt = Summer(2026, 5, 20, 12, 0);
        scenario.At(grantedAt).Complete("final-act-constrained", "grant", new { notes = "Rilascio nel rispetto delle prescrizioni paesaggistiche" }, DirigenteSue)
            .ShouldBeEvents(
                new TaskCompleted("final-act-constrained", "main", "grant", "elena.ricci", "manager", "SUE",
                    Obj(new { notes = "Rilascio nel rispetto delle prescrizioni paesaggistiche" })),
                new VariablesSet("final-act-constrained", Obj(new { decisionNotes = "Rilascio nel rispetto delle prescrizioni paesaggistiche", reasons = (string?)null })),
                new StepEntered("granted-constrained", "deadline", "main", 1),
                new DeadlineStopped("final-express", 2),
                new StepEntered("issue", "call", "main", 1),
                Requested("issue", "protocol.register", new
                {
                    direction = "outgoing", recipient = MarioRossi, subject = "Permesso di costruire – domanda prot. 0000073",
                }, grantedAt));
        IssueAndArchive(scenario, "0000362");

        ShouldBeClosed(scenario, "approved");
    }

    [Fact]
    public void with_constraints_a_denial_also_goes_through_the_preavviso()
    {
        var scenario = AtConstrainedFinalAct();
        var deniedAt = Summer(2026, 5, 20, 10, 0);
        var form = new { notes = "Prescrizioni non recepibili", reasons = "Il progetto non recepisce la prescrizione n. 3 dell'autorizzazione paesaggistica" };

        // Left on 20 May 10:00 CEST (08:00 UTC) until 6 June 21:59:59 UTC: 17 days 13:59:59.
        scenario.At(deniedAt).Complete("final-act-constrained", "deny", form, DirigenteSue).OfType<DeadlineSuspended>().ShouldBeEvents(
            new DeadlineSuspended("final-express", "preavviso", new TimeSpan(17, 13, 59, 59), Summer(2026, 5, 30, 10, 0), 2, "L. 241/1990 art. 10-bis"));
        scenario.Answer("preavviso-constrained", Delivered);

        // No observations: the suspension ends on 30 May with 17 days left (21 May – 6 June):
        // 30 May + 17 = Tuesday 16 June.
        scenario.SuspensionEnds("final-express").ShouldBeEvents(
            new DeadlineResumed("final-express", EndOfSummerDay(2026, 6, 16), 3, "the suspension (preavviso) reached its limit"));
        scenario.WaitTimesOut("await-observations-constrained").OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("final-after-observations-constrained", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 6, 9)));

        scenario.At(Summer(2026, 6, 3, 9, 0)).Complete("final-after-observations-constrained", "deny",
                new { notes = "Nessuna osservazione: diniego" }, DirigenteSue)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("final-express", 4));
        scenario.Answer("register-denial", new { number = "0000370", date = "2026-06-03" });
        scenario.Answer("notify-denial", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0002370" });

        ShouldBeClosed(scenario, "rejected");
        scenario.History.OfType<StepEntered>().Select(s => s.Step).SkipWhile(s => s != "final-act-constrained").ShouldBe([
            "final-act-constrained", "preavviso-constrained", "await-observations-constrained", "final-after-observations-constrained",
            "denied-constrained", "register-denial", "notify-denial", "archive-rejected", "rejected"]);
    }

    [Fact]
    public void with_constraints_observations_restart_the_express_term_ten_days_after_they_are_filed()
    {
        var scenario = AtConstrainedFinalAct();
        scenario.At(Summer(2026, 5, 20, 10, 0)).Complete("final-act-constrained", "deny",
            new { notes = "Prescrizioni non recepite", reasons = "Il progetto non recepisce la prescrizione n. 3" }, DirigenteSue);
        scenario.Answer("preavviso-constrained", Delivered);

        // 17 days were left on 20 May (21 May – 6 June). Filed on Monday 25 May: counted from
        // then they end on Thursday 11 June, and are suspended again until 4 June 9:00 (left from
        // 25 May 07:00 UTC to 11 June 21:59:59 UTC: 17 days 14:59:59). Task due 25 May + 10 = 4 June.
        var observations = new { text = "La prescrizione n. 3 è recepita nella tavola 9 integrativa" };
        scenario.At(Summer(2026, 5, 25, 9, 0)).Receive("observations-received", observations).ShouldBeEvents(
            new ExternalEventReceived("await-observations-constrained", "main", "observations-received", Obj(observations)),
            new VariablesSet("await-observations-constrained", Obj(new { observations = observations.text })),
            new StepEntered("observations-received-constrained", "deadline", "main", 1),
            new DeadlineResumed("final-express", EndOfSummerDay(2026, 6, 11), 3, "resumed"),
            new DeadlineSuspended("final-express", "preavviso", new TimeSpan(17, 14, 59, 59), Summer(2026, 6, 4, 9, 0), 4, "L. 241/1990 art. 10-bis"),
            new StepEntered("final-after-observations-constrained", "task", "main", 1),
            new TaskAssigned("final-after-observations-constrained", "main", "manager", "SUE", ["grant", "deny"], EndOfSummerDay(2026, 6, 4)));

        // Restarting on 4 June: 4 June + 17 = Sunday 21 June -> Monday 22 June.
        scenario.SuspensionEnds("final-express").ShouldBeEvents(
            new DeadlineResumed("final-express", EndOfSummerDay(2026, 6, 22), 5, "the suspension (preavviso) reached its limit"));
        scenario.At(Summer(2026, 6, 8, 12, 0)).Complete("final-after-observations-constrained", "grant",
                new { notes = "Osservazioni accolte: prescrizione recepita" }, DirigenteSue)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("final-express", 6));
        IssueAndArchive(scenario, "0000381");

        ShouldBeClosed(scenario, "approved");
    }

    [Fact]
    public void with_constraints_silence_is_not_assent_and_the_substitute_power_decides()
    {
        var scenario = AtConstrainedFinalAct();

        // Task of the Segretario generale, due in half the term: 6 June + 15 = Sunday 21 June -> Monday 22 June.
        scenario.ClockExpires("final-express").ShouldBeEvents(
            new DeadlineExpired("final-express", "none", 2),
            new StepAbandoned("final-act-constrained", "main", "clock 'final-express' expired"),
            new StepEntered("substitute-power", "task", "main", 1),
            new TaskAssigned("substitute-power", "main", "manager", "Segreteria generale", ["grant", "deny"], EndOfSummerDay(2026, 6, 22)));
        scenario.State.Status.ShouldBe(CaseStatus.Open);

        var grantedAt = Summer(2026, 6, 15, 11, 0);
        var form = new { notes = "Esercizio del potere sostitutivo: rilascio sulla proposta favorevole e sull'assenso paesaggistico" };
        scenario.At(grantedAt).Complete("substitute-power", "grant", form, SegretarioGenerale).ShouldBeEvents(
            new TaskCompleted("substitute-power", "main", "grant", "stefano.conti", "manager", "Segreteria generale", Obj(form)),
            new VariablesSet("substitute-power", Obj(new { decisionNotes = form.notes, reasons = (string?)null })),
            new StepEntered("issue", "call", "main", 1),
            Requested("issue", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Permesso di costruire – domanda prot. 0000073",
            }, grantedAt));
        IssueAndArchive(scenario, "0000390");

        ShouldBeClosed(scenario, "approved");
        scenario.History.OfType<DeadlineExpired>().ShouldNotContain(e => e.Effect == "silenzio-assenso");
    }

    [Fact]
    public void the_substitute_power_denies_after_its_own_preavviso_with_no_term_left_to_suspend()
    {
        var scenario = AtConstrainedFinalAct();
        scenario.ClockExpires("final-express");
        var deniedAt = Summer(2026, 6, 16, 10, 0);
        var form = new { notes = "Diniego", reasons = "Il progetto non recepisce la prescrizione n. 3 dell'autorizzazione paesaggistica" };

        scenario.At(deniedAt).Complete("substitute-power", "deny", form, SegretarioGenerale).ShouldBeEvents(
            new TaskCompleted("substitute-power", "main", "deny", "stefano.conti", "manager", "Segreteria generale", Obj(form)),
            new VariablesSet("substitute-power", Obj(new { decisionNotes = form.notes, reasons = form.reasons })),
            new StepEntered("substitute-preavviso", "call", "main", 1),
            Requested("substitute-preavviso", "notify.applicant", new
            {
                to = MarioRossi, template = "pdc-preavviso",
                subject = "Permesso di costruire prot. 0000073: motivi ostativi, osservazioni entro 10 giorni", reasons = form.reasons,
            }, deniedAt));

        // 10 days for observations: 16 June + 10 = Friday 26 June; then the decision, due 26 June + 10 = Monday 6 July.
        scenario.Answer("substitute-preavviso", Delivered).OfType<WaitStarted>().ShouldBeEvents(
            new WaitStarted("await-observations-substitute", "main", "observations-received", EndOfSummerDay(2026, 6, 26), 1));
        scenario.WaitTimesOut("await-observations-substitute").ShouldBeEvents(
            new WaitTimedOut("await-observations-substitute", "main", "observations-received"),
            new StepEntered("substitute-decision", "task", "main", 1),
            new TaskAssigned("substitute-decision", "main", "manager", "Segreteria generale", ["grant", "deny"], EndOfSummerDay(2026, 7, 6)));

        scenario.At(Summer(2026, 6, 29, 9, 0)).Complete("substitute-decision", "deny", new { notes = "Nessuna osservazione: diniego" }, SegretarioGenerale);
        scenario.Answer("register-denial", new { number = "0000401", date = "2026-06-29" });
        scenario.Answer("notify-denial", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0002401" });

        ShouldBeClosed(scenario, "rejected");
        scenario.History.OfType<DeadlineOperationRefused>().ShouldBeEmpty();
    }
}
