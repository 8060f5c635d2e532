using Sys2.Workflows.Definitions;
using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.Ordinario;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/suap/ordinario.yaml, every path with the decider alone.
// DPR 160/2010 art. 7; L. 241/1990 art. 2 c.2 and c.7, art. 7-8, 10-bis, 20.
// The case, its calendar and what the systems answer: Ordinario.cs.
public class when_a_suap_ordinario_case_runs
{
    // ── Intake, visura and fees in parallel ─────────────────────────────────────────────

    [Fact]
    public void the_application_is_catalogued_registered_and_the_thirty_day_term_starts()
    {
        var ordinario = Submitted();

        ordinario.LastEvents.ShouldBeEvents([
            new CaseOpened(ordinario.CaseId, "H769", "suap.ordinario", 1, ordinario.Definition.ContentHash, "suap", Obj(Inputs), "chiara.neri", Filed),
            .. ordinario.Calls("catalogue", "procedimarche.lookup", new { code = "SUAP-ORD" }, Filed)]);

        // The decision term runs after the 30 days for integrations: from their end, 1 April.
        var registers = ordinario.Registers("Istanza SUAP – " + Activity, Filed);
        ordinario.Catalogued().LastEvents.ShouldBeEvents([
            .. ordinario.CatalogueRead(fee: 5000),
            registers[0],
            new DeadlineStarted("integrations", "30d", IntegrationsEnd, 1, IntegrationsBasis),
            new DeadlineStarted("decision", "30d", DecisionDue, 1, DecisionBasis, DecisionShiftedFrom, From: IntegrationsEnd),
            .. registers[1..]]);

        ordinario.ThroughProtocol().LastEvents.ShouldBeEvents([
            .. ordinario.ProtocolRead(),
            .. ordinario.Notifies("start-notice", "suap-start-notice", "Avvio del procedimento – istanza prot. 0000042 del 2026-03-02", Filed)]);
    }

    [Fact]
    public void after_the_start_notice_visura_and_fees_run_in_parallel()
    {
        var ordinario = Registered();

        ordinario.NoticeDelivered().LastEvents.ShouldBeEvents(ordinario.ChecksFork(Filed));
        ordinario.Scenario.PendingCalls().Select(p => p.Step).ShouldBe(["visura", "request-payment"]);
    }

    [Fact]
    public void without_a_parcel_and_without_fees_both_branches_go_straight_to_the_review()
    {
        var ordinario = Registered(new { applicant = MarioRossi, activity = Activity, application = Application }, fee: 0);

        // Opened on 2 March: 2 + 20 = Sunday 22 March, so the review is due on Monday 23 March.
        ordinario.NoticeDelivered().LastEvents.ShouldBeEvents([
            ordinario.NoticeSent("start-notice"),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "review", ["checks/has-parcel", "checks/needs-fee"]),
            new StepEntered("has-parcel", "decision", "checks/has-parcel", 1),
            new DecisionTaken("has-parcel", "checks/has-parcel", "otherwise", "review"),
            new BranchFinished("checks", "checks/has-parcel", "review"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "otherwise", "review"),
            .. ordinario.Joins(taskDue: EndOfWinterDay(2026, 3, 23))]);
    }

    [Fact]
    public void an_avviso_unpaid_after_ten_days_gets_a_reminder_and_the_review_starts_anyway()
    {
        var ordinario = Started().VisuraArrives().AvvisoIssued();

        ordinario.WaitTimesOut("await-payment").LastEvents.ShouldBeEvents(
            ordinario.Reminds("Istanza prot. 0000042: diritti non ancora pagati, avviso 302000000001234559", EndOfWinterDay(2026, 3, 12)));

        // Review due 12 March + 20 = Wednesday 1 April (summer time by then).
        ordinario.Delivers("payment-reminder").LastEvents.ShouldBeEvents([
            ordinario.NoticeSent("payment-reminder", token: "checks/needs-fee"),
            .. ordinario.Joins(taskDue: EndOfSummerDay(2026, 4, 1))]);
        ordinario.State.Variables.ContainsKey("paidAt").ShouldBeFalse();
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_of_the_suap()
    {
        var ordinario = Started();

        // Due in 3 days: 2 March + 3 = Thursday 5 March.
        ordinario.Failed("visura", "SigmaTER: 503 servizio non disponibile").LastEvents
            .ShouldBeEvents(ordinario.VisuraGoesManual("SigmaTER: 503 servizio non disponibile", EndOfWinterDay(2026, 3, 5)));
        ordinario.State.Tokens["checks/has-parcel"].Bookmark.ShouldBeOfType<TaskBookmark>();

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. C/3, intestato a Rossi Mario (consultazione Sister)" };
        ordinario.At(Winter(2026, 3, 3, 8, 30)).ManualVisura(form).LastEvents.ShouldBeEvents(ordinario.ManualVisuraDone(form));

        ordinario.AvvisoIssued().PaymentReceived().OpenTasks().ShouldBe(["review"]);
    }

    [Fact]
    public void a_start_notice_that_cannot_be_sent_raises_an_incident_and_the_case_waits_for_the_operator()
    {
        var ordinario = Registered();
        const string Down = "PEC: 421 servizio temporaneamente non disponibile";
        var startNotice = Sportello<Ordinario>.Notice("suap-start-notice", "Avvio del procedimento – istanza prot. 0000042 del 2026-03-02");

        // Default policy: 3 attempts, backoff 10 s doubling (10 s before the 2nd, 20 s before the 3rd).
        ordinario.Failed("start-notice", Down, transient: true).LastEvents.ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 1, Down, true),
            ordinario.Requested("start-notice", "notify.applicant", startNotice, Filed.AddSeconds(10), attempt: 2));
        ordinario.At(Filed.AddSeconds(10)).Failed("start-notice", Down, transient: true).LastEvents.ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 2, Down, true),
            ordinario.Requested("start-notice", "notify.applicant", startNotice, Filed.AddSeconds(30), attempt: 3));

        ordinario.At(Filed.AddSeconds(30)).Failed("start-notice", Down, transient: true).LastEvents.ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 3, Down, false),
            new IncidentRaised("start-notice", "main", "notify.applicant", 3, "gave up after 3 attempts: " + Down));
        ordinario.MainStep.ShouldBe("start-notice");
        ordinario.Scenario.PendingCalls().ShouldBeEmpty();
        ordinario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running); // the term runs on: the incident is ours

        // The operator retries at 11:00: the 4th attempt waits 40 s.
        var retried = Winter(2026, 3, 2, 11, 0);
        ordinario.At(retried).Retried("start-notice", IstruttoreSuap).LastEvents
            .ShouldBeEvents(ordinario.RetryRequested("start-notice", "notify.applicant", startNotice, retried, attempt: 4, IstruttoreSuap));
        EventText.Types(ordinario.NoticeDelivered().LastEvents).ShouldBe([
            "IntegrationSucceeded", "StepEntered", "BranchesForked",
            "StepEntered", "DecisionTaken", "StepEntered", "IntegrationRequested",
            "StepEntered", "DecisionTaken", "StepEntered", "IntegrationRequested"]);
    }

    // ── Approval ────────────────────────────────────────────────────────────────────────

    [Fact]
    public void approval_within_the_term_issues_the_act_and_closes_approved()
    {
        var ordinario = AtReview();
        var approvedAt = Winter(2026, 3, 10, 11, 30);
        var form = new { notes = "Requisiti igienico-sanitari e urbanistici verificati; parere ASUR favorevole" };

        // No assents of other administrations: the SUAP decides itself (art. 7 c.2), no conferenza (c.3).
        ordinario.At(approvedAt).Review("approve", form).LastEvents.ShouldBeEvents([
            .. Done("review", "approve", form, IstruttoreSuap, new { reviewNotes = form.notes, integrationRequest = (string?)null, reasons = (string?)null, endoProcedureDays = (int?)null, otherAdministrations = (bool?)null }),
            .. NoConferenza,
            .. OnEntry(new DeadlineStopped("decision", 2), ordinario.RegistersAct("issue-act", "Provvedimento unico – istanza prot. 0000042", approvedAt))]);

        // The final measure is an act with legal effect: by PEC to the domicilio digitale, with its registration.
        ordinario.ActRegistered("issue-act", "0000097").LastEvents.ShouldBeEvents([
            .. ordinario.ActRead("issue-act", "0000097", "2026-03-10", type: ProvvedimentoUnico, outcome: "approved"),
            .. ordinario.SendsByPec("notify-approval", "suap-approved", "Istanza prot. 0000042: accolta, provvedimento prot. 0000097", approvedAt,
                new { protocolNumber = "0000097", protocolDate = "2026-03-10", documentType = ProvvedimentoUnico })]);

        // No term runs from its receipt, which is waited for ten days: 10 March + 10 = Friday 20 March.
        ordinario.PecAccepts("notify-approval").LastEvents.ShouldBeEvents(ordinario.ActPecSent("notify-approval", EndOfWinterDay(2026, 3, 20)));

        // Delivered five minutes later: the act reaches the SIP with its own outgoing registration, its receipt with its message id.
        var receipt = Ordinario.ActReceipt(Winter(2026, 3, 10, 11, 35));
        ordinario.At(Winter(2026, 3, 10, 11, 36)).Received("delivery-receipt", receipt).LastEvents.ShouldBeEvents([
            .. Ordinario.ActReceiptArrives(receipt, "act-archive"),
            new StepEntered("act-archive", "decision", "main", 1),
            new DecisionTaken("act-archive", "main", "otherwise", "archive-approved"),
            .. ordinario.Archives("archive-approved", Winter(2026, 3, 10, 11, 36),
                [Ordinario.Act("0000097", "2026-03-10", ProvvedimentoUnico)], [Ordinario.ReceiptKept(receipt)])]);

        ordinario.ArchivedAs("archive-approved", "DIGIP-H769-2026-0001187").LastEvents
            .ShouldBeEvents(Archived("archive-approved", "DIGIP-H769-2026-0001187", "approved", "approved"));

        ordinario.ShouldBeClosed("approved");
        ordinario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Stopped);
        ordinario.StepsEntered.ShouldBe([
            "catalogue", "protocol", "start-notice", "checks", "has-parcel", "visura", "needs-fee", "request-payment",
            "avviso-pagopa", "await-payment", "review", "assents-needed", "issue-act", "notify-approval", "await-act-receipt", "act-delivered",
            "act-archive", "archive-approved", "approved"]);
    }

    private const string ProvvedimentoUnico = "Provvedimento unico di accoglimento (DPR 160/2010 art. 7)";

    /// <summary>The review found no assents of other administrations to acquire: the SUAP decides (art. 7 c.2-3).</summary>
    private static readonly object[] NoConferenza =
    [
        new StepEntered("assents-needed", "decision", "main", 1),
        new DecisionTaken("assents-needed", "main", "otherwise", "issue-act"),
    ];

    // ── Integrations: asked within 30 days, no term runs on the incomplete file ─────────

    private static readonly object IntegrationRequest = new { notes = "Manca la planimetria", integration = "Planimetria dei locali" };

    [Fact]
    public void a_request_for_integration_interrupts_the_term_and_the_documents_restart_it_after_the_window()
    {
        var ordinario = AtReview();
        var requestedAt = Winter(2026, 3, 9, 10, 0);
        var form = new
        {
            notes = "Manca la planimetria dei locali",
            integration = "Planimetria quotata dei locali in scala 1:100 con la destinazione d'uso di ogni vano",
        };

        // Asked on 9 March, within the 30 days (art. 7 c.1): the file is incomplete, no term runs.
        ordinario.At(requestedAt).Review("request-integration", form).LastEvents.ShouldBeEvents([
            .. Done("review", "request-integration", form, IstruttoreSuap,
                new { reviewNotes = form.notes, integrationRequest = form.integration, reasons = (string?)null, endoProcedureDays = (int?)null, otherAdministrations = (bool?)null }),
            .. OnEntry(
                new DeadlineInterrupted("decision", 2, IntegrationInterruptionBasis),
                ordinario.Notifies("request-integration", "suap-integration-request", "Istanza prot. 0000042: richiesta di integrazioni", requestedAt,
                    new { request = form.integration }))]);

        // The documents may arrive for 30 days: 9 March + 30 = Wednesday 8 April.
        ordinario.Delivers("request-integration").LastEvents.ShouldBeEvents([
            ordinario.NoticeSent("request-integration"),
            .. Waits("await-integration", "documents-received", EndOfSummerDay(2026, 4, 8))]);

        // Complete on Monday 16 March, before the window ends: the 30 days of c.2 still run only
        // after it (1 April), so the decision is due as if none had been asked: Saturday 2 May.
        // Review due 16 + 10 = 26 March.
        var documents = new[] { Document("planimetria.pdf.p7m", "77665c7e7db4162818170704363c6c16c1d62509de9c8467271272339f1357eb", 1_204_877) };
        var payload = new { documents, protocolNumber = "0000051" };
        ordinario.At(Winter(2026, 3, 16, 12, 0)).Received("documents-received", payload).LastEvents.ShouldBeEvents([
            .. Arrives("await-integration", "documents-received", payload, new { integrationDocuments = documents }),
            new StepEntered("integration-received", "deadline", "main", 1),
            new DeadlineResumed("decision", DecisionDue, 3, "restarted in full after the interruption, following clock 'integrations'", DecisionShiftedFrom),
            .. Assigns("review-after-integration", "clerk", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 26))]);

        var approval = new { notes = "Planimetria conforme" };
        var approvedAt = Winter(2026, 3, 20, 9, 30);
        ordinario.At(approvedAt).Completed("review-after-integration", "approve", approval, IstruttoreSuap).LastEvents.ShouldBeEvents([
            .. Done("review-after-integration", "approve", approval, IstruttoreSuap, new { reviewNotes = "Planimetria conforme", reasons = (string?)null, endoProcedureDays = (int?)null, otherAdministrations = (bool?)null }),
            .. NoConferenza,
            .. OnEntry(new DeadlineStopped("decision", 4), ordinario.RegistersAct("issue-act", "Provvedimento unico – istanza prot. 0000042", approvedAt))]);
        ordinario.ActRegistered("issue-act", "0000103").ActDelivered("notify-approval").ArchivedAs("archive-approved", "DIGIP-H769-2026-0001230");

        ordinario.ShouldBeClosed("approved");
        ordinario.State.Clocks["decision"].Interruptions.ShouldBe(1);
    }

    [Fact]
    public void integrations_that_never_arrive_leave_no_term_running_so_no_silenzio_assenso_forms()
    {
        var ordinario = AtReview().At(Winter(2026, 3, 9, 10, 0)).Review("request-integration", IntegrationRequest).Delivers("request-integration");

        // The window for integrations ends on 1 April with no effect to record.
        ordinario.ClockExpires("integrations").LastEvents.ShouldBeEvents(new DeadlineExpired("integrations", "none", 2));

        // The wait ends with the 30th day; the review of what there is is due 8 + 10 = Saturday 18 April.
        ordinario.WaitTimesOut("await-integration").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-integration", "main", "documents-received"),
            .. Assigns("review-after-integration", "clerk", "SUAP", ["approve", "reject"], EndOfSummerDay(2026, 4, 18))]);

        // No decision term runs on the incomplete file: nothing can expire into silenzio-assenso.
        ordinario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Interrupted);
        ordinario.State.Clocks["decision"].DueAt.ShouldBeNull();
        ordinario.Refused(new InterruptDeadline("decision", IstruttoreSuap)).Code.ShouldBe("clock-not-running");
        ordinario.OpenTasks().ShouldBe(["review-after-integration"]);
    }

    // ── Preavviso di rigetto (art. 10-bis) ──────────────────────────────────────────────

    private static readonly object Rejection = new
    {
        notes = "Locali privi dei requisiti igienico-sanitari",
        reasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)",
    };

    private const string RejectionReasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)";

    private static readonly DateTimeOffset Rejected = Winter(2026, 3, 11, 16, 0);

    private const string PreavvisoType = "Comunicazione dei motivi ostativi (L. 241/1990 art. 10-bis)";

    // Left on 11 March 16:00 CET (15:00 UTC) until 2 May 23:59:59 CEST (21:59:59 UTC): 52 days 6:59:59.
    private static readonly TimeSpan LeftOnRejection = new(52, 6, 59, 59);

    /// <summary>Rejected on 11 March; the PEC with the preavviso is delivered on Thursday 12 March at 9:30.</summary>
    private static Ordinario PreavvisoReceived()
    {
        var ordinario = AtReview().At(Rejected).Review("reject", Rejection).ActRegistered("register-preavviso", "0000060").PecAccepts("preavviso");
        return ordinario.At(Winter(2026, 3, 12, 10, 0)).Received("delivery-receipt", new { receivedAt = "2026-03-12T09:30:00+01:00" });
    }

    [Fact]
    public void a_rejection_goes_through_the_preavviso_and_after_the_observations_the_manager_rejects()
    {
        var ordinario = AtReview();

        // Until the receipt is known the suspension ends as if the notice was received when sent:
        // 11 March + 10 = Saturday 21 March, at the end of the day (art. 10-bis; art. 2963 c.c.).
        // The preavviso is an act of its own: registered as outgoing first (DPR 445/2000 art. 53).
        ordinario.At(Rejected).Review("reject", Rejection).LastEvents.ShouldBeEvents([
            .. Done("review", "reject", Rejection, IstruttoreSuap,
                new { reviewNotes = "Locali privi dei requisiti igienico-sanitari", integrationRequest = (string?)null, reasons = RejectionReasons, endoProcedureDays = (int?)null, otherAdministrations = (bool?)null }),
            .. ordinario.RegistersAct("register-preavviso", "Comunicazione dei motivi ostativi (art. 10-bis L. 241/1990) – istanza prot. 0000042", Rejected,
                new { reasons = RejectionReasons })]);
        ordinario.ActRegistered("register-preavviso", "0000060").LastEvents.ShouldBeEvents([
            .. Read("register-preavviso", "protocol.register", new { number = "0000060", date = "2026-03-11" },
                new { preavvisoNumber = "0000060", preavvisoDate = "2026-03-11", preavvisoType = PreavvisoType }),
            .. OnEntry(SuspendedForPreavviso("decision", LeftOnRejection, EndOfWinterDay(2026, 3, 21), 2),
                ordinario.SendsByPec("preavviso", "suap-preavviso", "Istanza prot. 0000042: motivi ostativi (prot. 0000060), osservazioni entro 10 giorni", Rejected,
                    new { reasons = RejectionReasons, protocolNumber = "0000060", protocolDate = "2026-03-11", documentType = PreavvisoType }))]);

        // The act goes by PEC to the applicant's domicilio digitale; the provider's ricevuta di
        // consegna is awaited for as long as the provisional 10 days.
        ordinario.PecAccepts("preavviso").LastEvents.ShouldBeEvents([
            .. ordinario.PecSent("preavviso"),
            .. Waits("await-notice-receipt", "delivery-receipt", EndOfWinterDay(2026, 3, 21))]);
        ordinario.State.Clocks["decision"].Suspensions.ShouldBe(0); // the preavviso is its own ground

        // Delivered on Thursday 12 March: the 10 days "dal ricevimento" end on Sunday 22 March,
        // moved to Monday 23 March; the suspension now ends then, and so does the wait.
        // The PEC receipt is filed with its message id and its file: the fascicolo keeps it.
        const string ReceivedAt = "2026-03-12T09:30:00+01:00";
        const string ReceiptId = "opec21.20260312093000.04411.07.1.2@pec.aruba.it";
        var receiptFile = Document("consegna-preavviso.eml", "3b1f0e9d8c7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", 4_812, "message/rfc822");
        var receipt = new { receivedAt = ReceivedAt, messageId = ReceiptId, document = receiptFile };
        ordinario.At(Winter(2026, 3, 12, 10, 0)).Received("delivery-receipt", receipt).LastEvents.ShouldBeEvents([
            .. Arrives("await-notice-receipt", "delivery-receipt", receipt, new { noticeReceivedAt = ReceivedAt, noticeReceipt = receipt }),
            new StepEntered("notice-delivered", "decision", "main", 1),
            new DecisionTaken("notice-delivered", "main", "otherwise", "notice-received"),
            new StepEntered("notice-received", "deadline", "main", 1),
            SuspendedForPreavviso("decision", LeftOnRejection, EndOfWinterDay(2026, 3, 23), 3),
            .. Waits("await-observations", "observations-received", EndOfWinterDay(2026, 3, 23))]);

        // Observations filed on Thursday 19 March: the term restarts ten days later (art. 10-bis,
        // third period, as amended by DL 76/2020): 29 March is a Sunday, so at the end of Monday
        // 30 March. The manager's task is due 19 + 5 = Tuesday 24 March.
        const string Observations = "I locali saranno controsoffittati a 2,70 m come da progetto allegato";
        var observations = new { text = Observations, filedAt = "2026-03-19" };
        ordinario.At(Winter(2026, 3, 19, 11, 0)).Received("observations-received", observations).LastEvents.ShouldBeEvents([
            .. Arrives("await-observations", "observations-received", observations, new { observations = Observations, observationsFiledAt = "2026-03-19" }),
            new StepEntered("observations-received", "deadline", "main", 1),
            SuspendedForPreavviso("decision", LeftOnRejection, EndOfSummerDay(2026, 3, 30), 4),
            .. Assigns("final-decision", "manager", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 24))]);

        // The earlier ends are stale. On 11 March 51 days were left to the term's own last day,
        // Friday 1 May: from 30 March they end on Wednesday 20 May.
        ordinario.At(EndOfWinterDay(2026, 3, 21)).When(new TimerFired(TimerKind.SuspensionLimit, "decision", 2)).LastEvents.ShouldBeEmpty();
        ordinario.At(EndOfWinterDay(2026, 3, 23)).When(new TimerFired(TimerKind.SuspensionLimit, "decision", 3)).LastEvents.ShouldBeEmpty();
        ordinario.SuspensionEnds("decision").LastEvents.ShouldBeEvents(
            new DeadlineResumed("decision", EndOfSummerDay(2026, 5, 20), 5, "the suspension (preavviso) reached its limit"));

        var decidedAt = Summer(2026, 3, 31, 10, 0);
        var decision = new { notes = "Il controsoffitto non è realizzato: l'altezza utile resta 2,40 m; osservazioni non accolte" };
        ordinario.At(decidedAt).Completed("final-decision", "reject", decision, ResponsabileSuap).LastEvents.ShouldBeEvents([
            .. Done("final-decision", "reject", decision, ResponsabileSuap, new { reviewNotes = decision.notes }),
            .. OnEntry(new DeadlineStopped("decision", 6),
                ordinario.RegistersAct("register-rejection", "Diniego – istanza prot. 0000042", decidedAt, new { reasons = decision.notes }))]);

        ordinario.ActRegistered("register-rejection", "0000118").LastEvents.ShouldBeEvents([
            .. ordinario.ActRead("register-rejection", "0000118", "2026-03-31", type: "Provvedimento di diniego (DPR 160/2010 art. 7)", outcome: "rejected"),
            .. ordinario.SendsByPec("notify-rejection", "suap-rejected", "Istanza prot. 0000042: respinta, provvedimento prot. 0000118", decidedAt,
                new { reasons = decision.notes, protocolNumber = "0000118", protocolDate = "2026-03-31", documentType = "Provvedimento di diniego (DPR 160/2010 art. 7)" })]);
        ordinario.PecAccepts("notify-rejection");

        // The whole fascicolo reaches the SIP (issue 10, item 13): the preavviso and the denial, each with its own
        // outgoing registration, and the PEC receipts of both, each identified by its message id and date.
        var denialReceipt = Ordinario.ActReceipt(Summer(2026, 3, 31, 10, 1));
        ordinario.At(Summer(2026, 3, 31, 10, 2)).Received("delivery-receipt", denialReceipt).LastEvents.ShouldBeEvents([
            .. Ordinario.ActReceiptArrives(denialReceipt, "act-archive"),
            new StepEntered("act-archive", "decision", "main", 1),
            new DecisionTaken("act-archive", "main", "vars.actOutcome == 'rejected'", "archive-rejected"),
            .. ordinario.Archives("archive-rejected", Summer(2026, 3, 31, 10, 2),
                [Ordinario.Act("0000060", "2026-03-11", PreavvisoType), Ordinario.Act("0000118", "2026-03-31", "Provvedimento di diniego (DPR 160/2010 art. 7)")],
                [Obj(new
                {
                    name = "consegna-preavviso.eml", sha256 = "3b1f0e9d8c7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", mediaType = "message/rfc822",
                    identifier = ReceiptId, date = ReceivedAt, documentType = "Ricevuta di avvenuta consegna PEC (DPR 68/2005 art. 6)",
                }), Ordinario.ReceiptKept(denialReceipt)])]);
        ordinario.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0001302").LastEvents
            .ShouldBeEvents(Archived("archive-rejected", "DIGIP-H769-2026-0001302", "rejected", "rejected"));

        ordinario.ShouldBeClosed("rejected");
    }

    [Fact]
    public void without_observations_the_term_restarts_when_the_ten_days_from_the_receipt_end()
    {
        var ordinario = PreavvisoReceived();

        // 51 days to the own last day 1 May were left on 11 March; the 10 days from the receipt
        // end on Monday 23 March: 23 March + 51 = Wednesday 13 May.
        ordinario.SuspensionEnds("decision").LastEvents.ShouldBeEvents(
            new DeadlineResumed("decision", EndOfSummerDay(2026, 5, 13), 4, "the suspension (preavviso) reached its limit"));

        // No observations by then: the manager decides, due 23 + 5 = Saturday 28 March.
        ordinario.WaitTimesOut("await-observations").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-observations", "main", "observations-received"),
            .. Assigns("final-decision", "manager", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 28))]);

        ordinario.At(Winter(2026, 3, 24, 12, 0)).Completed("final-decision", "approve",
                new { notes = "Verificata in sopralluogo un'altezza utile di 2,75 m: motivo ostativo superato" }, ResponsabileSuap)
            .LastEvents.OfType<DeadlineStopped>().Single().ShouldBe(new DeadlineStopped("decision", 5));
        ordinario.ActRegistered("issue-act", "0000131").ActDelivered("notify-approval").ArchivedAs("archive-approved", "DIGIP-H769-2026-0001360");

        ordinario.ShouldBeClosed("approved");
        ordinario.StepsEntered.SkipWhile(s => s != "register-preavviso").ShouldBe([
            "register-preavviso", "preavviso", "await-notice-receipt", "notice-delivered", "notice-received", "await-observations", "final-decision",
            "assents-needed", "issue-act", "notify-approval", "await-act-receipt", "act-delivered", "act-archive", "archive-approved", "approved"]);
    }

    [Fact]
    public void observations_filed_after_the_ten_days_change_nothing_the_term_already_runs()
    {
        var ordinario = PreavvisoReceived();
        ordinario.SuspensionEnds("decision");

        ordinario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running);
        ordinario.WaitTimesOut("await-observations").MainStep.ShouldBe("final-decision");
        ordinario.At(Winter(2026, 3, 25, 9, 0)).Refused(new ReceiveEvent("observations-received", Obj(new { text = "tardive" })) { By = IstruttoreSuap })
            .Code.ShouldBe("not-waiting");
    }

    // ── Silenzio-assenso (art. 20 L. 241/1990) ─────────────────────────────────────────

    private const string SilenzioAssenso = "Istanza prot. 0000042: termine decorso, istanza accolta per silenzio-assenso";

    [Fact]
    public void no_decision_by_the_end_of_the_sixtieth_day_is_silenzio_assenso_where_the_catalogue_allows_it()
    {
        var ordinario = AtReview();

        ordinario.ClockExpires("decision").LastEvents.ShouldBeEvents([
            .. Expires("decision", "silenzio-assenso", 2, abandoned: "review"),
            .. ordinario.Notifies("deemed-approved", "suap-silenzio-assenso", SilenzioAssenso, DecisionDue)]);
        ordinario.Now.ShouldBe(DecisionDue);
        ordinario.OpenTasks().ShouldBeEmpty();

        ordinario.Delivers("deemed-approved").LastEvents.ShouldBeEvents(ordinario.DeliveredThenArchives("deemed-approved", "archive-deemed", DecisionDue, [], []));
        ordinario.ArchivedAs("archive-deemed", "DIGIP-H769-2026-0001420").LastEvents
            .ShouldBeEvents(Archived("archive-deemed", "DIGIP-H769-2026-0001420", "deemed-approved-end", "deemed-approved"));

        ordinario.ShouldBeClosed("deemed-approved");
        ordinario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Expired);
        ordinario.Refused(new CompleteTask("review", "reject", Obj(Rejection), IstruttoreSuap)).Code.ShouldBe("case-closed");
    }
}
