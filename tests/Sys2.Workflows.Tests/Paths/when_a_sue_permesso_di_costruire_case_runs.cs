using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.Permesso;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/sue/permesso-di-costruire.yaml, every path with the decider alone.
// DPR 380/2001 art. 20; L. 241/1990 art. 2 c.9-bis, 10-bis.
// The case, its terms and what the systems answer: Permesso.cs.
public class when_a_sue_permesso_di_costruire_case_runs
{
    private static readonly string[] GrantOrDeny = ["grant", "deny"];

    // ── Application, visura and diritti ─────────────────────────────────────────────────

    [Fact]
    public void the_application_is_registered_the_proposal_term_starts_and_the_applicant_learns_who_is_responsible()
    {
        var permesso = Submitted();

        permesso.LastEvents.ShouldBeEvents([
            new CaseOpened(permesso.CaseId, "H769", "sue.permesso-di-costruire", 1, permesso.Definition.ContentHash, "sue", Obj(Inputs(false)),
                "marco.galli", Applied),
            .. permesso.Calls("catalogue", "procedimarche.lookup", new { code = "SUE-PDC" }, Applied)]);

        permesso.Catalogued().LastEvents.ShouldBeEvents([
            .. permesso.CatalogueRead(fee: 25823),
            .. OnEntry(new DeadlineStarted("proposal", "60d", ProposalDue, 1, ProposalBasis, ProposalShiftedFrom),
                permesso.Registers("Permesso di costruire – " + Intervention, Applied))]);

        permesso.ThroughProtocol().LastEvents.ShouldBeEvents([
            .. permesso.ProtocolRead(),
            .. permesso.Notifies("start-notice", "pdc-start-notice", "Permesso di costruire prot. 0000073: avvio del procedimento e responsabile", Applied)]);

        permesso.NoticeDelivered().LastEvents.ShouldBeEvents(permesso.ChecksFork(Applied));
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_and_an_unpaid_avviso_gets_a_reminder()
    {
        var permesso = Started();
        permesso.Failed("visura", "SigmaTER: 503").LastEvents.OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("manual-visura", "checks/visura", "clerk", "SUE", ["done"], EndOfWinterDay(2026, 3, 7)));
        permesso.ManualVisura(new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. A/2 cl. 4" })
            .LastEvents.OfType<BranchFinished>().ShouldBeEvents(new BranchFinished("checks", "checks/visura", "completeness-check"));
        permesso.AvvisoIssued();

        permesso.WaitTimesOut("await-payment").LastEvents.OfType<IntegrationRequested>().ShouldBeEvents(
            permesso.Requested("payment-reminder", "notify.applicant",
                Permesso.Notice("payment-reminder", "Permesso di costruire prot. 0000073: diritti non pagati, avviso 302000000001234761"),
                EndOfWinterDay(2026, 3, 17), token: "checks/needs-fee"));
        // Completeness due 17 March + 10 = Friday 27 March.
        permesso.Delivers("payment-reminder").LastEvents.OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("completeness-check", "main", "clerk", "SUE", ["complete", "request-documents"], EndOfWinterDay(2026, 3, 27)));
    }

    // ── Approval without constraints ────────────────────────────────────────────────────

    [Fact]
    public void the_proposal_stops_its_term_and_starts_the_thirty_days_for_the_final_act()
    {
        var permesso = AtCompletenessCheck();

        // Istruttoria due 10 March + 45 = Friday 24 April.
        permesso.At(FoundComplete).CompletenessCheck("complete", new { }).LastEvents.ShouldBeEvents([
            .. Done("completeness-check", "complete", new { }, IstruttoreSue, new { missing = (string?)null }),
            .. Assigns("istruttoria", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 4, 24))]);

        // Final term 14 April + 30 = Thursday 14 May; the dirigente's task is due 14 April + 20 = Monday 4 May.
        permesso.At(Proposed).Propose(Proposal).LastEvents.ShouldBeEvents([
            .. Done("istruttoria", "propose", Proposal, IstruttoreSue, Proposal),
            new StepEntered("proposal-made", "decision", "main", 1),
            new DeadlineStopped("proposal", 2),
            new DecisionTaken("proposal-made", "main", "otherwise", "start-final"),
            new StepEntered("start-final", "deadline", "main", 1),
            new DeadlineStarted("final", "30d", FinalDue, 1, "DPR 380/2001 art. 20 c.6"),
            .. Assigns("final-act", "manager", "SUE", GrantOrDeny, EndOfSummerDay(2026, 5, 4))]);
    }

    [Fact]
    public void a_grant_within_the_term_issues_the_permesso_and_closes_approved()
    {
        var permesso = AtFinalAct();
        var grantedAt = Summer(2026, 4, 28, 12, 0);
        var form = new { notes = "Si rilascia il permesso sulla proposta favorevole del RUP" };

        permesso.At(grantedAt).Decides("final-act", "grant", form).LastEvents.ShouldBeEvents([
            .. Done("final-act", "grant", form, DirigenteSue, new { decisionNotes = form.notes, reasons = (string?)null }),
            new StepEntered("granted", "deadline", "main", 1),
            new DeadlineStopped("final", 2),
            .. permesso.Issues(grantedAt)]);
        // The permesso is notified by PEC to the domicilio digitale, with its registration (art. 20 c.6; CAD art. 3-bis and 6).
        permesso.ActRegistered("issue", "0000301").LastEvents.ShouldBeEvents([
            .. permesso.ActRead("issue", "0000301", "2026-04-28", type: "Permesso di costruire (DPR 380/2001 art. 20)", outcome: "approved"),
            .. permesso.SendsByPec("notify-issue", "pdc-issued", "Permesso di costruire rilasciato, prot. 0000301", grantedAt,
                new { protocolNumber = "0000301", protocolDate = "2026-04-28", documentType = "Permesso di costruire (DPR 380/2001 art. 20)" })]);
        // Its receipt is waited for ten days (28 April + 10 = Friday 8 May); delivered at once, it reaches the SIP with the
        // permesso and its own outgoing registration.
        permesso.PecAccepts("notify-issue").LastEvents.ShouldBeEvents(permesso.ActPecSent("notify-issue", EndOfSummerDay(2026, 5, 8)));
        var receipt = Permesso.ActReceipt(Summer(2026, 4, 28, 12, 1));
        permesso.At(Summer(2026, 4, 28, 12, 2)).Received("delivery-receipt", receipt).LastEvents.ShouldBeEvents([
            .. Permesso.ActReceiptArrives(receipt, "act-archive"),
            new StepEntered("act-archive", "decision", "main", 1),
            new DecisionTaken("act-archive", "main", "otherwise", "archive-approved"),
            .. permesso.Archives("archive-approved", Summer(2026, 4, 28, 12, 2),
                [Permesso.Act("0000301", "2026-04-28", "Permesso di costruire (DPR 380/2001 art. 20)")], [Permesso.ReceiptKept(receipt)])]);
        permesso.ArchivedAs("archive-approved", "DIGIP-H769-2026-0002301").LastEvents
            .ShouldBeEvents(Archived("archive-approved", "DIGIP-H769-2026-0002301", "approved", "approved"));

        permesso.ShouldBeClosed("approved");
        permesso.StepsEntered.ShouldBe([
            "catalogue", "protocol", "start-notice", "checks", "visura", "needs-fee", "request-payment", "avviso-pagopa", "await-payment",
            "completeness-check", "istruttoria", "proposal-made", "start-final", "final-act", "granted", "issue",
            "notify-issue", "await-act-receipt", "act-delivered", "act-archive", "archive-approved", "approved"]);
    }

    [Fact]
    public void an_act_that_cannot_be_registered_raises_an_incident_and_a_retry_issues_it()
    {
        var permesso = AtFinalAct().At(Summer(2026, 4, 28, 12, 0)).Decides("final-act", "grant", new { notes = "Rilascio" });

        permesso.Failed("issue", "Protocollo: 400 registro chiuso per manutenzione").LastEvents
            .ShouldBeEvents(Incident("issue", "protocol.register", "Protocollo: 400 registro chiuso per manutenzione"));
        permesso.MainStep.ShouldBe("issue");

        var retried = Summer(2026, 4, 29, 8, 30);
        permesso.At(retried).Retried("issue", DirigenteSue).LastEvents.ShouldBeEvents(permesso.RetryRequested("issue", "protocol.register",
            new { direction = "outgoing", classification = "VI.3", recipient = MarioRossi, subject = "Permesso di costruire – domanda prot. 0000073" }, retried, attempt: 2, DirigenteSue));
        permesso.IssuedAndArchived("0000305");

        permesso.ShouldBeClosed("approved");
    }

    // ── Interruption for missing documents (art. 20 c.5): the full term restarts ───────

    private const string Missing = "Relazione geologica e geotecnica (NTC 2018) e calcolo dei volumi esistenti asseverato";

    private static readonly object MissingDocuments = new { missing = Missing };

    private static readonly DateTimeOffset Interrupted = Winter(2026, 3, 20, 10, 0);

    [Fact]
    public void missing_documents_interrupt_the_proposal_term_which_restarts_in_full_on_receipt()
    {
        var permesso = AtCompletenessCheck();

        permesso.At(Interrupted).CompletenessCheck("request-documents", MissingDocuments).LastEvents.ShouldBeEvents([
            .. Done("completeness-check", "request-documents", MissingDocuments, IstruttoreSue, MissingDocuments),
            .. permesso.AsksForDocuments(new DeadlineInterrupted("proposal", 2, "DPR 380/2001 art. 20 c.5"), Missing, Interrupted)]);
        permesso.State.Clocks["proposal"].Status.ShouldBe(ClockStatus.Interrupted);
        permesso.State.Clocks["proposal"].DueAt.ShouldBeNull();

        // The request gives 60 days: 20 March + 60 = Tuesday 19 May.
        permesso.Delivers("request-documents").LastEvents.ShouldBeEvents([
            permesso.NoticeSent("request-documents"),
            .. Waits("await-documents", "documents-received", EndOfSummerDay(2026, 5, 19))]);

        // Received Friday 10 April: the full 60 days from then, 10 April + 60 = Tuesday 9 June
        // (not what was left on 20 March). The istruttoria is due 10 April + 45 = Monday 25 May.
        var payload = new
        {
            documents = new[] { Document("relazione-geologica.pdf.p7m", "3f695bc7bc26ceb92434e3e8e00c4d04656bd411b1e03abb4c8a025ce61a47e4", 6_022_310) },
        };
        permesso.At(Summer(2026, 4, 10, 11, 0)).Received("documents-received", payload).LastEvents.ShouldBeEvents([
            .. Arrives("await-documents", "documents-received", payload),
            .. Resumes("documents-received", "proposal", EndOfSummerDay(2026, 6, 9), 3, "restarted in full after the interruption"),
            .. Assigns("istruttoria", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 5, 25))]);
        permesso.Refused(new InterruptDeadline("proposal", IstruttoreSue)).Code.ShouldBe("interruption-used");

        permesso.At(Summer(2026, 5, 20, 10, 0)).Propose(Proposal).LastEvents.OfType<DeadlineStopped>()
            .ShouldBeEvents(new DeadlineStopped("proposal", 4));
        permesso.Decides("final-act", "grant", new { notes = "Rilascio" }).IssuedAndArchived("0000340");

        permesso.ShouldBeClosed("approved");
    }

    [Fact]
    public void a_request_for_documents_after_thirty_days_does_not_interrupt_the_term()
    {
        // Art. 20 c.5: "una sola volta ... entro trenta giorni dalla presentazione della domanda".
        // Applied Monday 2 March: the window closed on Wednesday 1 April.
        // The applicant is asked for the documents without being told the term is interrupted.
        var permesso = AtCompletenessCheck();
        var late = Summer(2026, 4, 2, 10, 0);

        permesso.At(late).CompletenessCheck("request-documents", MissingDocuments).LastEvents.ShouldBeEvents([
            .. Done("completeness-check", "request-documents", MissingDocuments, IstruttoreSue, MissingDocuments),
            .. permesso.AsksForDocuments(new DeadlineOperationRefused("proposal", "interrupt", "interrupt-proposal",
                "clock 'proposal' can be interrupted only within 30d of the application (by 2026-04-01); "
                + "DPR 380/2001 art. 20 c.5: a later interruption has no legal effect"), Missing, late)]);
        permesso.State.Clocks["proposal"].Status.ShouldBe(ClockStatus.Running);
        permesso.State.Clocks["proposal"].DueAt.ShouldBe(ProposalDue);
        permesso.Refused(new InterruptDeadline("proposal", IstruttoreSue)).Code.ShouldBe("interruption-out-of-window");

        // The documents arrive on Monday 20 April: the 60 days were never interrupted, so the
        // resume does nothing and the term still ends on Saturday 2 May.
        permesso.Delivers("request-documents-late").At(Summer(2026, 4, 20, 10, 0))
            .Received("documents-received", new { documents = Array.Empty<object>() });
        permesso.History.OfType<DeadlineResumed>().ShouldBeEmpty();
        permesso.State.Clocks["proposal"].DueAt.ShouldBe(ProposalDue);
        permesso.OpenTasks().ShouldBe(["istruttoria"]);
    }

    [Fact]
    public void documents_that_never_arrive_leave_the_term_interrupted_and_the_rup_proposes_on_the_file()
    {
        var permesso = AtCompletenessCheck().At(Interrupted).CompletenessCheck("request-documents", MissingDocuments).Delivers("request-documents");

        // Istruttoria due 19 May + 45 = Friday 3 July. The term stays interrupted.
        permesso.WaitTimesOut("await-documents").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-documents", "main", "documents-received"),
            .. permesso.Notifies("documents-not-received", "pdc-documents-missing",
                "Permesso di costruire prot. 0000073: documenti non pervenuti, si procede sugli atti", EndOfSummerDay(2026, 5, 19))]);
        permesso.Delivers("documents-not-received").LastEvents.OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("istruttoria", "main", "clerk", "SUE", ["propose"], EndOfSummerDay(2026, 7, 3)));
        permesso.State.Clocks["proposal"].Status.ShouldBe(ClockStatus.Interrupted);

        var contraria = new { report = "Manca la relazione geologica: non è verificabile la fattibilità della sopraelevazione", proposal = "contraria" };
        permesso.At(Summer(2026, 5, 26, 10, 0)).Propose(contraria).LastEvents.OfType<DeadlineStopped>()
            .ShouldBeEvents(new DeadlineStopped("proposal", 3));
        permesso.OpenTasks().ShouldBe(["final-act"]);
    }

    // ── Denial through the preavviso di rigetto ─────────────────────────────────────────

    private const string Preavviso = "Permesso di costruire prot. 0000073: motivi ostativi (prot. 0000340), osservazioni entro 10 giorni";

    private const string PreavvisoAct = "Comunicazione dei motivi ostativi (art. 10-bis L. 241/1990) – domanda prot. 0000073";

    private const string FinalBasis = "DPR 380/2001 art. 20 c.6";

    [Fact]
    public void a_denial_goes_through_the_preavviso_which_makes_the_final_term_forty_days_from_the_proposal()
    {
        var permesso = AtFinalAct();
        var deniedAt = Summer(2026, 5, 4, 10, 0);
        var form = new
        {
            notes = "Sopraelevazione oltre l'altezza massima di zona",
            reasons = "L'altezza di progetto (10,80 m) supera la massima di 9,50 m (art. 18 NTA del PRG)",
        };

        // Art. 20 c.6: the term "è fissato in quaranta giorni con la medesima decorrenza" once the
        // preavviso is sent; it is not suspended. 14 April + 40 = Sunday 24 May -> Monday 25 May.
        // The preavviso is an act of its own: registered as outgoing first (DPR 445/2000 art. 53).
        permesso.At(deniedAt).Decides("final-act", "deny", form).LastEvents.ShouldBeEvents([
            .. Done("final-act", "deny", form, DirigenteSue, new { decisionNotes = form.notes, reasons = form.reasons }),
            .. permesso.RegistersAct("register-preavviso", PreavvisoAct, deniedAt, new { reasons = form.reasons })]);
        permesso.ActRegistered("register-preavviso", "0000340").LastEvents.ShouldBeEvents([
            .. Read("register-preavviso", "protocol.register", new { number = "0000340", date = "2026-05-04" },
                new { preavvisoNumber = "0000340", preavvisoDate = "2026-05-04" }),
            .. OnEntry(new DeadlineExtended("final", "40d", EndOfSummerDay(2026, 5, 25), 2, FinalBasis, new DateOnly(2026, 5, 24)),
                permesso.SendsByPec("preavviso", "pdc-preavviso", Preavviso, deniedAt, new { reasons = form.reasons, protocolNumber = "0000340", protocolDate = "2026-05-04",
                    documentType = "Comunicazione dei motivi ostativi (L. 241/1990 art. 10-bis)" }))]);

        // By PEC to the applicant's domicilio digitale; the provider's receipt is awaited.
        permesso.PecAccepts("preavviso").LastEvents.ShouldBeEvents([
            .. permesso.PecSent("preavviso"),
            .. Waits("await-notice-receipt", "delivery-receipt", EndOfSummerDay(2026, 5, 14))]);

        // Delivered on 4 May: observations within 10 days of the receipt, to the end of Thursday 14 May.
        const string ReceivedAt = "2026-05-04T10:40:00+02:00";
        permesso.At(Summer(2026, 5, 4, 11, 0)).Received("delivery-receipt", new { receivedAt = ReceivedAt }).LastEvents.ShouldBeEvents([
            .. Arrives("await-notice-receipt", "delivery-receipt", new { receivedAt = ReceivedAt }, new { noticeReceivedAt = ReceivedAt, noticeReceipt = new { receivedAt = ReceivedAt } }),
            new StepEntered("notice-delivered", "decision", "main", 1),
            new DecisionTaken("notice-delivered", "main", "otherwise", "await-observations"),
            .. Waits("await-observations", "observations-received", EndOfSummerDay(2026, 5, 14))]);

        // Observations filed on Monday 11 May; the dirigente's task is due 11 + 10 = Thursday 21 May;
        // the term stays 25 May.
        const string Observations = "L'altezza va misurata all'intradosso dell'ultimo solaio: 9,40 m, come da tavola 7 allegata";
        permesso.At(Summer(2026, 5, 11, 9, 0)).Received("observations-received", new { text = Observations }).LastEvents.ShouldBeEvents([
            .. Arrives("await-observations", "observations-received", new { text = Observations }, new { observations = Observations }),
            .. Assigns("final-after-observations", "manager", "SUE", GrantOrDeny, EndOfSummerDay(2026, 5, 21))]);
        permesso.State.Clocks["final"].DueAt.ShouldBe(EndOfSummerDay(2026, 5, 25));

        var decidedAt = Summer(2026, 5, 18, 16, 0);
        var decision = new { notes = "La tavola 7 misura l'altezza all'estradosso: 10,80 m confermati; osservazioni respinte" };
        permesso.At(decidedAt).Decides("final-after-observations", "deny", decision).LastEvents.ShouldBeEvents([
            .. Done("final-after-observations", "deny", decision, DirigenteSue, new { decisionNotes = decision.notes }),
            new StepEntered("denied", "deadline", "main", 1),
            new DeadlineStopped("final", 3),
            .. permesso.RegistersAct("register-denial", "Diniego del permesso di costruire – domanda prot. 0000073", decidedAt,
                new { reasons = decision.notes })]);
        permesso.ActRegistered("register-denial", "0000355").LastEvents.OfType<IntegrationRequested>().ShouldBeEvents(
            permesso.Requested("notify-denial", "pec.send",
                Permesso.Notice("pdc-denied", "Permesso di costruire negato, prot. 0000355", new
                {
                    reasons = decision.notes, protocolNumber = "0000355", protocolDate = "2026-05-18",
                    documentType = "Diniego del permesso di costruire (DPR 380/2001 art. 20)",
                }), decidedAt));
        // The preavviso and the denial reach the SIP, each with its own outgoing registration; the preavviso's receipt was
        // filed without its file, so only the denial's receipt is preserved. Nothing arrives within ten days (18 May + 10
        // = Thursday 28 May): archived as it is.
        permesso.PecAccepts("notify-denial").WaitTimesOut("await-act-receipt").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-act-receipt", "main", "delivery-receipt"),
            new StepEntered("act-archive", "decision", "main", 1),
            new DecisionTaken("act-archive", "main", "vars.actOutcome == 'rejected'", "archive-rejected"),
            .. permesso.Archives("archive-rejected", EndOfSummerDay(2026, 5, 28),
                [Permesso.Act("0000340", "2026-05-04", "Comunicazione dei motivi ostativi (L. 241/1990 art. 10-bis)"),
                 Permesso.Act("0000355", "2026-05-18", "Diniego del permesso di costruire (DPR 380/2001 art. 20)")], [])]);
        permesso.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0002355").LastEvents
            .ShouldBeEvents(Archived("archive-rejected", "DIGIP-H769-2026-0002355", "rejected", "rejected"));

        permesso.ShouldBeClosed("rejected");
    }

    // ── Silenzio-assenso (art. 20 c.8) ──────────────────────────────────────────────────

    [Fact]
    public void no_final_act_within_thirty_days_of_the_proposal_is_silenzio_assenso()
    {
        var permesso = AtFinalAct();

        permesso.ClockExpires("final").LastEvents.ShouldBeEvents([
            .. Expires("final", "silenzio-assenso", 2, abandoned: "final-act"),
            .. permesso.Notifies("deemed-approved", "pdc-silenzio-assenso", "Permesso di costruire prot. 0000073: termine decorso, silenzio-assenso", FinalDue)]);
        permesso.Delivers("deemed-approved").ArchivedAs("archive-deemed", "DIGIP-H769-2026-0002400").LastEvents
            .ShouldBeEvents(Archived("archive-deemed", "DIGIP-H769-2026-0002400", "deemed-approved-end", "deemed-approved"));

        permesso.ShouldBeClosed("deemed-approved");
        permesso.State.Clocks["final"].Status.ShouldBe(ClockStatus.Expired);
    }

    [Fact]
    public void with_no_proposal_in_sixty_days_the_dirigente_decides_without_it_and_silence_still_approves()
    {
        var permesso = AtIstruttoria();

        // The final term starts at once: 2 May + 30 = Monday 1 June; the task is due 2 May + 20 = Friday 22 May.
        permesso.ClockExpires("proposal").LastEvents.ShouldBeEvents([
            .. Expires("proposal", "none", 2, abandoned: "istruttoria"),
            new StepEntered("proposal-overdue", "decision", "main", 1),
            new DecisionTaken("proposal-overdue", "main", "otherwise", "start-final"),
            new StepEntered("start-final", "deadline", "main", 1),
            new DeadlineStarted("final", "30d", EndOfSummerDay(2026, 6, 1), 1, "DPR 380/2001 art. 20 c.6"),
            .. Assigns("final-act", "manager", "SUE", GrantOrDeny, EndOfSummerDay(2026, 5, 22))]);
        permesso.Refused(new CompleteTask("istruttoria", "propose", Obj(Proposal), IstruttoreSue)).Code.ShouldBe("no-open-task");

        permesso.ClockExpires("final").LastEvents.OfType<DeadlineExpired>().ShouldBeEvents(new DeadlineExpired("final", "silenzio-assenso", 2));
        permesso.Delivers("deemed-approved").ArchivedAs("archive-deemed", "DIGIP-H769-2026-0002410");

        permesso.ShouldBeClosed("deemed-approved");
    }

    // ── With constraints: express act, never silenzio-assenso (art. 20 c.9) ─────────────

    [Fact]
    public void with_constraints_the_assent_comes_first_and_the_thirty_days_run_from_it()
    {
        var permesso = AtIstruttoria(constrained: true);

        // The assent task is due 14 April + 60 = Saturday 13 June; no term of the office runs.
        permesso.At(Proposed).Propose(Proposal).LastEvents.ShouldBeEvents([
            .. Done("istruttoria", "propose", Proposal, IstruttoreSue, Proposal),
            new StepEntered("proposal-made", "decision", "main", 1),
            new DeadlineStopped("proposal", 2),
            new DecisionTaken("proposal-made", "main", "inputs.constrained == true && inputs.assentsAcquired != true", "acquire-assent"),
            .. Assigns("acquire-assent", "clerk", "SUE", ["assent-acquired"], EndOfSummerDay(2026, 6, 13))]);

        // 7 May + 30 = Saturday 6 June; the dirigente's task is due 7 May + 20 = Wednesday 27 May.
        permesso.At(AssentAcquired).AssentAcquiredWith(Assent).LastEvents.ShouldBeEvents([
            .. Done("acquire-assent", "assent-acquired", Assent, IstruttoreSue, Assent),
            new StepEntered("start-final-express", "deadline", "main", 1),
            new DeadlineStarted("final-express", "30d", EndOfSummerDay(2026, 6, 6), 1, "DPR 380/2001 art. 20 c.9; L. 241/1990 art. 2"),
            .. Assigns("final-act-constrained", "manager", "SUE", GrantOrDeny, EndOfSummerDay(2026, 5, 27))]);
        permesso.State.Clocks.ContainsKey("final").ShouldBeFalse();

        var grantedAt = Summer(2026, 5, 20, 12, 0);
        var form = new { notes = "Rilascio nel rispetto delle prescrizioni paesaggistiche" };
        permesso.At(grantedAt).Decides("final-act-constrained", "grant", form).LastEvents.ShouldBeEvents([
            .. Done("final-act-constrained", "grant", form, DirigenteSue, new { decisionNotes = form.notes, reasons = (string?)null }),
            new StepEntered("granted-constrained", "deadline", "main", 1),
            new DeadlineStopped("final-express", 2),
            .. permesso.Issues(grantedAt)]);
        permesso.IssuedAndArchived("0000362");

        permesso.ShouldBeClosed("approved");
    }

    [Fact]
    public void with_constraints_a_denial_also_goes_through_the_preavviso_and_the_express_term_becomes_forty_days()
    {
        var permesso = AtConstrainedFinalAct();
        var deniedAt = Summer(2026, 5, 20, 10, 0);
        var form = new { notes = "Prescrizioni non recepibili", reasons = "Il progetto non recepisce la prescrizione n. 3 dell'autorizzazione paesaggistica" };

        // The express term ran 30 days from the assent (7 May, due 6 June); with the preavviso it is
        // 40 days from the same start (art. 20 c.6): Tuesday 16 June.
        permesso.At(deniedAt).Decides("final-act-constrained", "deny", form).ActRegistered("register-preavviso-constrained", "0000366")
            .LastEvents.OfType<DeadlineExtended>().ShouldBeEvents(new DeadlineExtended("final-express", "40d", EndOfSummerDay(2026, 6, 16), 2, FinalBasis));
        permesso.PecAccepts("preavviso-constrained");

        // No delivery receipt in 10 days: they ran from the sending; the dirigente decides,
        // due 30 May + 10 = Tuesday 9 June.
        permesso.WaitTimesOut("await-notice-receipt-constrained").LastEvents.OfType<TaskAssigned>().ShouldBeEvents(
            new TaskAssigned("final-after-observations-constrained", "main", "manager", "SUE", GrantOrDeny, EndOfSummerDay(2026, 6, 9)));

        permesso.At(Summer(2026, 6, 3, 9, 0)).Decides("final-after-observations-constrained", "deny", new { notes = "Nessuna osservazione: diniego" })
            .LastEvents.OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("final-express", 3));
        permesso.DenialArchived("0000370");

        permesso.ShouldBeClosed("rejected");
        permesso.StepsEntered.SkipWhile(s => s != "final-act-constrained").ShouldBe([
            "final-act-constrained", "register-preavviso-constrained", "preavviso-constrained", "await-notice-receipt-constrained", "final-after-observations-constrained",
            "denied-constrained", "register-denial", "notify-denial", "await-act-receipt", "act-delivered", "act-archive", "archive-rejected", "rejected"]);
    }

    [Fact]
    public void with_constraints_whose_assents_were_already_acquired_silence_is_assent()
    {
        // Art. 20 c.8 second period (L. 182/2025 art. 40, from 18 December 2025): silenzio-assenso
        // forms where the assents for this project were already acquired and are still valid.
        var inputs = Obj(Permesso.Inputs(constrained: true));
        inputs["assentsAcquired"] = true;
        var permesso = new Permesso().Opened(inputs, IstruttoreSue).Catalogued().ThroughProtocol().NoticeDelivered()
            .VisuraArrives().AvvisoIssued().At(PaidOn).PaymentReceived().At(FoundComplete).CompletenessCheck("complete", new { });

        permesso.At(Proposed).Propose(Proposal).LastEvents.OfType<DecisionTaken>().Single().Next.ShouldBe("start-final");
        permesso.ClockExpires("final").LastEvents.OfType<DeadlineExpired>().ShouldBeEvents(new DeadlineExpired("final", "silenzio-assenso", 2));
    }

    [Fact]
    public void with_constraints_silence_is_not_assent_and_the_substitute_power_decides()
    {
        var permesso = AtConstrainedFinalAct();

        // Task of the Segretario generale, due in half the term: 6 June + 15 = Sunday 21 June -> Monday 22 June.
        permesso.ClockExpires("final-express").LastEvents.ShouldBeEvents([
            .. Expires("final-express", "none", 2, abandoned: "final-act-constrained"),
            .. Assigns("substitute-power", "manager", "Segreteria generale", GrantOrDeny, EndOfSummerDay(2026, 6, 22))]);
        permesso.State.Status.ShouldBe(CaseStatus.Open);

        var grantedAt = Summer(2026, 6, 15, 11, 0);
        var form = new { notes = "Esercizio del potere sostitutivo: rilascio sulla proposta favorevole e sull'assenso paesaggistico" };
        permesso.At(grantedAt).Completed("substitute-power", "grant", form, SegretarioGenerale).LastEvents.ShouldBeEvents([
            .. Done("substitute-power", "grant", form, SegretarioGenerale, new { decisionNotes = form.notes, reasons = (string?)null }),
            .. permesso.Issues(grantedAt)]);
        permesso.IssuedAndArchived("0000390");

        permesso.ShouldBeClosed("approved");
        permesso.History.OfType<DeadlineExpired>().ShouldNotContain(e => e.Effect == "silenzio-assenso");
    }

    [Fact]
    public void the_substitute_power_denies_after_its_own_preavviso_with_no_term_left_to_suspend()
    {
        var permesso = AtConstrainedFinalAct().ClockExpires("final-express");
        var deniedAt = Summer(2026, 6, 16, 10, 0);
        var form = new { notes = "Diniego", reasons = "Il progetto non recepisce la prescrizione n. 3 dell'autorizzazione paesaggistica" };

        permesso.At(deniedAt).Completed("substitute-power", "deny", form, SegretarioGenerale).LastEvents.ShouldBeEvents([
            .. Done("substitute-power", "deny", form, SegretarioGenerale, new { decisionNotes = form.notes, reasons = form.reasons }),
            .. permesso.RegistersAct("register-substitute-preavviso", PreavvisoAct, deniedAt, new { reasons = form.reasons })]);
        permesso.ActRegistered("register-substitute-preavviso", "0000340").LastEvents.ShouldBeEvents([
            .. Read("register-substitute-preavviso", "protocol.register", new { number = "0000340", date = "2026-06-16" },
                new { preavvisoNumber = "0000340", preavvisoDate = "2026-06-16" }),
            .. permesso.SendsByPec("substitute-preavviso", "pdc-preavviso", Preavviso, deniedAt, new
            {
                reasons = form.reasons, protocolNumber = "0000340", protocolDate = "2026-06-16",
                documentType = "Comunicazione dei motivi ostativi (L. 241/1990 art. 10-bis)",
            })]);

        // By PEC like every preavviso, delivered on Wednesday 17 June: the 10 days for observations run from the receipt
        // (art. 10-bis), 17 June + 10 = Saturday 27 June; then the decision, due 27 June + 10 = Tuesday 7 July.
        permesso.PecAccepts("substitute-preavviso").LastEvents.OfType<WaitStarted>().ShouldBeEvents(
            new WaitStarted("await-substitute-receipt", "main", "delivery-receipt", EndOfSummerDay(2026, 6, 26), 1));
        permesso.At(Summer(2026, 6, 17, 9, 0)).Received("delivery-receipt", new { delivered = true, receivedAt = "2026-06-17T08:30:00+02:00" })
            .LastEvents.OfType<WaitStarted>().ShouldBeEvents(
                new WaitStarted("await-observations-substitute", "main", "observations-received", EndOfSummerDay(2026, 6, 27), 1));
        permesso.WaitTimesOut("await-observations-substitute").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-observations-substitute", "main", "observations-received"),
            .. Assigns("substitute-decision", "manager", "Segreteria generale", GrantOrDeny, EndOfSummerDay(2026, 7, 7))]);

        permesso.At(Summer(2026, 6, 29, 9, 0)).Completed("substitute-decision", "deny", new { notes = "Nessuna osservazione: diniego" }, SegretarioGenerale);
        permesso.DenialArchived("0000401");

        permesso.ShouldBeClosed("rejected");
        permesso.History.OfType<DeadlineOperationRefused>().ShouldBeEmpty();
    }
}
