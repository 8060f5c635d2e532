using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/suap/ordinario.yaml, every path with the decider alone.
// DPR 160/2010 art. 7; L. 241/1990 art. 2 c.2 and c.7, art. 7-8, 10-bis, 20.
//
// Calendar (2026): Easter Monday 6 April, 25 April is a Saturday, 1 May a Friday; summer time
// from Sunday 29 March. The 30-day decision term starts when the application is registered on
// Monday 2 March: 2 March + 30 days = Wednesday 1 April, so it ends 1 April 23:59:59 CEST.
public class when_a_suap_ordinario_case_runs
{
    private const string CaseId = "SUAP-H769-2026-0000001";
    private const string Activity = "apertura di un laboratorio di pasticceria artigianale";
    private const string Basis = "DPR 160/2010 art. 7 c.2; L. 241/1990 art. 2 c.2";

    private static readonly WorkflowDefinition Definition = TestDefinitions.Shipped("suap/ordinario.yaml");

    private static readonly DateTimeOffset Received = Winter(2026, 3, 2, 9, 0);
    private static readonly DateTimeOffset DecisionDue = EndOfSummerDay(2026, 4, 1);

    private static readonly object Application = Document("istanza-suap.pdf.p7m",
        "fca046662d47b2ea377054e882f3e100e7b54b17ec4d9832d63aa3654aaaa31e", 482_133);

    private static readonly object Inputs = new { applicant = MarioRossi, activity = Activity, application = Application, parcel = Parcel };

    private static readonly object Catalogue = new { code = "SUAP-ORD", title = "Procedimento ordinario SUAP", fees = new { istruttoria = 5000 } };
    private static readonly object Protocol = new { number = "0000042", date = "2026-03-02", aoo = "H769-AOO1" };
    private static readonly object Delivered = new { messageId = "PEC-20260302-000917", status = "consegnato" };
    private static readonly object Visura = new
    {
        categoria = "C/3", classe = "2", consistenza = "68 m²", rendita = "326,34",
        intestati = new[] { new { fiscalCode = "RSSMRA45D25F205N", diritto = "Proprietà per 1/1" } },
    };
    private static readonly object Avviso = new { noticeNumber = "302000000001234559", iuv = "02000000001234559", amount = 5000 };
    private static readonly object Receipt = new { paidAt = "2026-03-03T10:12:41+01:00", iuv = "02000000001234559", amount = 5000, psp = "Poste Italiane" };

    private static readonly string[] ReviewOutcomes = ["approve", "request-integration", "reject"];

    private static IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore,
        string token = "main", int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, token, attempt);

    private static CaseScenario Registered(object? inputs = null, int fee = 5000)
    {
        var scenario = new CaseScenario(Definition, Received);
        scenario.Submit(CaseId, inputs ?? Inputs, SportelloSuap);
        scenario.Answer("catalogue", new { code = "SUAP-ORD", title = "Procedimento ordinario SUAP", fees = new { istruttoria = fee } });
        scenario.Answer("protocol", Protocol);
        return scenario;
    }

    /// <summary>Registered, notified, visura done, fees paid on Tuesday 3 March at 10:15: the review is open.</summary>
    private static CaseScenario AtReview()
    {
        var scenario = Registered();
        scenario.Answer("start-notice", Delivered);
        scenario.At(Winter(2026, 3, 2, 9, 5)).Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);
        scenario.At(Winter(2026, 3, 3, 10, 15)).Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["review"]);
        return scenario;
    }

    // ── Intake, visura and fees in parallel ─────────────────────────────────────────────

    [Fact]
    public void the_application_is_catalogued_registered_and_the_thirty_day_term_starts()
    {
        var scenario = new CaseScenario(Definition, Received);

        scenario.Submit(CaseId, Inputs, SportelloSuap).ShouldBeEvents(
            new CaseOpened(CaseId, "H769", "suap.ordinario", 1, Definition.ContentHash, "suap", Obj(Inputs), "chiara.neri", Received),
            new StepEntered("catalogue", "call", "main", 1),
            Requested("catalogue", "procedimarche.lookup", new { code = "SUAP-ORD" }, Received));

        scenario.Answer("catalogue", Catalogue).ShouldBeEvents(
            new IntegrationSucceeded("catalogue", "main", "procedimarche.lookup", 1, Obj(Catalogue)),
            new VariablesSet("catalogue", Obj(new { fee = 5000 })),
            new StepEntered("protocol", "call", "main", 1),
            new DeadlineStarted("decision", "30d", DecisionDue, 1, Basis),
            Requested("protocol", "protocol.register", new
            {
                direction = "incoming", sender = MarioRossi, subject = "Istanza SUAP – " + Activity, document = Application,
            }, Received));

        scenario.Answer("protocol", Protocol).ShouldBeEvents(
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, Obj(Protocol)),
            new VariablesSet("protocol", Obj(new { protocolNumber = "0000042", protocolDate = "2026-03-02" })),
            new StepEntered("start-notice", "call", "main", 1),
            Requested("start-notice", "notify.applicant", new
            {
                to = MarioRossi, template = "suap-start-notice", subject = "Avvio del procedimento – istanza prot. 0000042 del 2026-03-02",
            }, Received));
    }

    [Fact]
    public void after_the_start_notice_visura_and_fees_run_in_parallel()
    {
        var scenario = Registered();

        scenario.Answer("start-notice", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("start-notice", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "review", ["checks/has-parcel", "checks/needs-fee"]),
            new StepEntered("has-parcel", "decision", "checks/has-parcel", 1),
            new DecisionTaken("has-parcel", "checks/has-parcel", "inputs.parcel != null", "visura"),
            new StepEntered("visura", "call", "checks/has-parcel", 1),
            Requested("visura", "sigmater.visura", new { parcel = Parcel }, Received, token: "checks/has-parcel"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
            new StepEntered("request-payment", "call", "checks/needs-fee", 1),
            Requested("request-payment", "mpay.request-payment", new
            {
                payer = MarioRossi, amount = 5000, description = "Diritti istruttoria SUAP – prot. 0000042",
            }, Received, token: "checks/needs-fee"));
        scenario.PendingCalls().Select(p => p.Step).ShouldBe(["visura", "request-payment"]);
    }

    [Fact]
    public void the_review_opens_when_both_the_visura_and_the_payment_receipt_are_in()
    {
        var scenario = Registered();
        scenario.Answer("start-notice", Delivered);

        scenario.At(Winter(2026, 3, 2, 9, 5)).Answer("visura", Visura).ShouldBeEvents(
            new IntegrationSucceeded("visura", "checks/has-parcel", "sigmater.visura", 1, Obj(Visura)),
            new VariablesSet("visura", Obj(new { cadastre = Visura })),
            new BranchFinished("checks", "checks/has-parcel", "review"));
        scenario.OpenTasks().ShouldBeEmpty();

        // The avviso waits 10 days: 2 March + 10 = Thursday 12 March, to the end of the day.
        scenario.Answer("request-payment", Avviso).ShouldBeEvents(
            new IntegrationSucceeded("request-payment", "checks/needs-fee", "mpay.request-payment", 1, Obj(Avviso)),
            new VariablesSet("request-payment", Obj(new { noticeNumber = "302000000001234559" })),
            new StepEntered("await-payment", "wait", "checks/needs-fee", 1),
            new WaitStarted("await-payment", "checks/needs-fee", "payment-received", EndOfWinterDay(2026, 3, 12), 1));

        // Review due in 20 days: 3 March + 20 = Monday 23 March.
        scenario.At(Winter(2026, 3, 3, 10, 15)).Receive("payment-received", Receipt).ShouldBeEvents(
            new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
            new VariablesSet("await-payment", Obj(new { paidAt = "2026-03-03T10:12:41+01:00" })),
            new BranchFinished("checks", "checks/needs-fee", "review"),
            new BranchesJoined("checks", "main", "review"),
            new StepEntered("review", "task", "main", 1),
            new TaskAssigned("review", "main", "clerk", "SUAP", ReviewOutcomes, EndOfWinterDay(2026, 3, 23)));
        scenario.State.Tokens.Keys.ShouldBe(["main"]);
        scenario.State.Variables["paidAt"]!.GetValue<string>().ShouldBe("2026-03-03T10:12:41+01:00");
    }

    [Fact]
    public void without_a_parcel_and_without_fees_both_branches_go_straight_to_the_review()
    {
        var scenario = Registered(new { applicant = MarioRossi, activity = Activity, application = Application }, fee: 0);

        // Opened on 2 March: 2 + 20 = Sunday 22 March, so the review is due on Monday 23 March.
        scenario.Answer("start-notice", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("start-notice", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "review", ["checks/has-parcel", "checks/needs-fee"]),
            new StepEntered("has-parcel", "decision", "checks/has-parcel", 1),
            new DecisionTaken("has-parcel", "checks/has-parcel", "otherwise", "review"),
            new BranchFinished("checks", "checks/has-parcel", "review"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "otherwise", "review"),
            new BranchFinished("checks", "checks/needs-fee", "review"),
            new BranchesJoined("checks", "main", "review"),
            new StepEntered("review", "task", "main", 1),
            new TaskAssigned("review", "main", "clerk", "SUAP", ReviewOutcomes, EndOfWinterDay(2026, 3, 23)));
    }

    [Fact]
    public void an_avviso_unpaid_after_ten_days_gets_a_reminder_and_the_review_starts_anyway()
    {
        var scenario = Registered();
        scenario.Answer("start-notice", Delivered);
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);

        scenario.WaitTimesOut("await-payment").ShouldBeEvents(
            new WaitTimedOut("await-payment", "checks/needs-fee", "payment-received"),
            new StepEntered("payment-reminder", "call", "checks/needs-fee", 1),
            Requested("payment-reminder", "notify.applicant", new
            {
                to = MarioRossi, template = "payment-reminder",
                subject = "Istanza prot. 0000042: diritti non ancora pagati, avviso 302000000001234559",
            }, EndOfWinterDay(2026, 3, 12), token: "checks/needs-fee"));

        // Review due 12 March + 20 = Wednesday 1 April (summer time by then).
        scenario.Answer("payment-reminder", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("payment-reminder", "checks/needs-fee", "notify.applicant", 1, Obj(Delivered)),
            new BranchFinished("checks", "checks/needs-fee", "review"),
            new BranchesJoined("checks", "main", "review"),
            new StepEntered("review", "task", "main", 1),
            new TaskAssigned("review", "main", "clerk", "SUAP", ReviewOutcomes, EndOfSummerDay(2026, 4, 1)));
        scenario.State.Variables.ContainsKey("paidAt").ShouldBeFalse();
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_of_the_suap()
    {
        var scenario = Registered();
        scenario.Answer("start-notice", Delivered);

        // Due in 3 days: 2 March + 3 = Thursday 5 March.
        scenario.Fail("visura", "SigmaTER: 503 servizio non disponibile", transient: false).ShouldBeEvents(
            new IntegrationFailed("visura", "checks/has-parcel", "sigmater.visura", 1, "SigmaTER: 503 servizio non disponibile", false),
            new StepEntered("manual-visura", "task", "checks/has-parcel", 1),
            new TaskAssigned("manual-visura", "checks/has-parcel", "clerk", "SUAP", ["done"], EndOfWinterDay(2026, 3, 5)));
        scenario.State.Tokens["checks/has-parcel"].Bookmark.ShouldBeOfType<TaskBookmark>();

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. C/3, intestato a Rossi Mario (consultazione Sister)" };
        scenario.At(Winter(2026, 3, 3, 8, 30)).Complete("manual-visura", "done", form, SportelloSuap).ShouldBeEvents(
            new TaskCompleted("manual-visura", "checks/has-parcel", "done", "chiara.neri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("manual-visura", Obj(form)),
            new BranchFinished("checks", "checks/has-parcel", "review"));

        scenario.Answer("request-payment", Avviso);
        scenario.Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["review"]);
    }

    [Fact]
    public void a_start_notice_that_cannot_be_sent_raises_an_incident_and_the_case_waits_for_the_operator()
    {
        var scenario = Registered();
        const string Down = "PEC: 421 servizio temporaneamente non disponibile";

        // Default policy: 3 attempts, backoff 10 s doubling (10 s before the 2nd, 20 s before the 3rd).
        scenario.Fail("start-notice", Down, transient: true).ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 1, Down, true),
            Requested("start-notice", "notify.applicant", StartNotice, Received.AddSeconds(10), attempt: 2));
        scenario.At(Received.AddSeconds(10)).Fail("start-notice", Down, transient: true).ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 2, Down, true),
            Requested("start-notice", "notify.applicant", StartNotice, Received.AddSeconds(30), attempt: 3));

        scenario.At(Received.AddSeconds(30)).Fail("start-notice", Down, transient: true).ShouldBeEvents(
            new IntegrationFailed("start-notice", "main", "notify.applicant", 3, Down, false),
            new IncidentRaised("start-notice", "main", "notify.applicant", 3, "gave up after 3 attempts: " + Down));
        scenario.MainStep.ShouldBe("start-notice");
        scenario.PendingCalls().ShouldBeEmpty();
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Running); // the term runs on: the incident is ours

        // The operator retries at 11:00: the 4th attempt waits 40 s.
        var retried = Winter(2026, 3, 2, 11, 0);
        scenario.At(retried).When(new RetryIncident("start-notice", IstruttoreSuap)).ShouldBeEvents(
            new IncidentResolved("start-notice", "main", "retried", "luca.fabbri"),
            Requested("start-notice", "notify.applicant", StartNotice, retried, attempt: 4));
        EventText.Types(scenario.Answer("start-notice", Delivered)).ShouldBe([
            "IntegrationSucceeded", "StepEntered", "BranchesForked",
            "StepEntered", "DecisionTaken", "StepEntered", "IntegrationRequested",
            "StepEntered", "DecisionTaken", "StepEntered", "IntegrationRequested"]);
    }

    private static readonly object StartNotice = new
    {
        to = MarioRossi, template = "suap-start-notice", subject = "Avvio del procedimento – istanza prot. 0000042 del 2026-03-02",
    };

    // ── Approval ────────────────────────────────────────────────────────────────────────

    [Fact]
    public void approval_within_the_term_issues_the_act_and_closes_approved()
    {
        var scenario = AtReview();
        var approvedAt = Winter(2026, 3, 10, 11, 30);
        var form = new { notes = "Requisiti igienico-sanitari e urbanistici verificati; parere ASUR favorevole" };

        scenario.At(approvedAt).Complete("review", "approve", form, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("review", "main", "approve", "luca.fabbri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("review", Obj(new { reviewNotes = form.notes, integrationRequest = (string?)null, reasons = (string?)null })),
            new StepEntered("issue-act", "call", "main", 1),
            new DeadlineStopped("decision", 2),
            Requested("issue-act", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Provvedimento unico – istanza prot. 0000042",
            }, approvedAt));

        scenario.Answer("issue-act", new { number = "0000097", date = "2026-03-10" }).ShouldBeEvents(
            new IntegrationSucceeded("issue-act", "main", "protocol.register", 1, Obj(new { number = "0000097", date = "2026-03-10" })),
            new VariablesSet("issue-act", Obj(new { actNumber = "0000097" })),
            new StepEntered("notify-approval", "call", "main", 1),
            Requested("notify-approval", "notify.applicant", new
            {
                to = MarioRossi, template = "suap-approved", subject = "Istanza prot. 0000042: accolta, provvedimento prot. 0000097",
            }, approvedAt));

        scenario.Answer("notify-approval", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("notify-approval", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive-approved", "call", "main", 1),
            Requested("archive-approved", "digip.archive", new { protocolNumber = "0000042", documentType = "SUAP-ORD", document = Application }, approvedAt));

        scenario.Answer("archive-approved", new { id = "DIGIP-H769-2026-0001187" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-approved", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001187" })),
            new VariablesSet("archive-approved", Obj(new { preservationId = "DIGIP-H769-2026-0001187" })),
            new StepEntered("approved", "end", "main", 1),
            new CaseClosed("approved", "approved", null));

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("approved");
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Stopped);
        scenario.History.OfType<StepEntered>().Select(s => s.Step).ShouldBe([
            "catalogue", "protocol", "start-notice", "checks", "has-parcel", "visura", "needs-fee", "request-payment",
            "await-payment", "review", "issue-act", "notify-approval", "archive-approved", "approved"]);
    }

    // ── Integrations: the term is suspended once, at most 30 days ──────────────────────

    [Fact]
    public void a_request_for_integration_suspends_the_term_and_the_documents_resume_it_with_the_days_left()
    {
        var scenario = AtReview();
        var requestedAt = Winter(2026, 3, 9, 10, 0);
        var form = new
        {
            notes = "Manca la planimetria dei locali",
            integration = "Planimetria quotata dei locali in scala 1:100 con la destinazione d'uso di ogni vano",
        };

        // Left on Monday 9 March 10:00 CET (09:00 UTC) until 1 April 23:59:59 CEST (21:59:59 UTC):
        // 23 days 12:59:59. The suspension ends by itself 30 days later, 8 April 10:00 CET.
        scenario.At(requestedAt).Complete("review", "request-integration", form, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("review", "main", "request-integration", "luca.fabbri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("review", Obj(new { reviewNotes = form.notes, integrationRequest = form.integration, reasons = (string?)null })),
            new StepEntered("request-integration", "call", "main", 1),
            new DeadlineSuspended("decision", "integration", new TimeSpan(23, 12, 59, 59), Winter(2026, 4, 8, 10, 0), 2,
                "L. 241/1990 art. 2 c.7"),
            Requested("request-integration", "notify.applicant", new
            {
                to = MarioRossi, template = "suap-integration-request",
                subject = "Istanza prot. 0000042: richiesta di integrazioni", request = form.integration,
            }, requestedAt));

        // The documents may arrive for 30 days: 9 March + 30 = Wednesday 8 April.
        scenario.Answer("request-integration", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("request-integration", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-integration", "wait", "main", 1),
            new WaitStarted("await-integration", "main", "documents-received", EndOfSummerDay(2026, 4, 8), 1));

        // Suspended from 9 to 16 March. On 9 March 23 days were left (10 March – 1 April):
        // from Monday 16 March they end on Wednesday 8 April. Review due 16 + 10 = 26 March.
        var documents = new[] { Document("planimetria.pdf.p7m", "77665c7e7db4162818170704363c6c16c1d62509de9c8467271272339f1357eb", 1_204_877) };
        var payload = new { documents, protocolNumber = "0000051" };
        scenario.At(Winter(2026, 3, 16, 12, 0)).Receive("documents-received", payload).ShouldBeEvents(
            new ExternalEventReceived("await-integration", "main", "documents-received", Obj(payload)),
            new VariablesSet("await-integration", Obj(new { integrationDocuments = documents })),
            new StepEntered("integration-received", "deadline", "main", 1),
            new DeadlineResumed("decision", EndOfSummerDay(2026, 4, 8), 3, "resumed"),
            new StepEntered("review-after-integration", "task", "main", 1),
            new TaskAssigned("review-after-integration", "main", "clerk", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 26)));

        var approval = new { notes = "Planimetria conforme" };
        var approvedAt = Winter(2026, 3, 20, 9, 30);
        scenario.At(approvedAt).Complete("review-after-integration", "approve", approval, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("review-after-integration", "main", "approve", "luca.fabbri", "clerk", "SUAP", Obj(approval)),
            new VariablesSet("review-after-integration", Obj(new { reviewNotes = "Planimetria conforme", reasons = (string?)null })),
            new StepEntered("issue-act", "call", "main", 1),
            new DeadlineStopped("decision", 4),
            Requested("issue-act", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Provvedimento unico – istanza prot. 0000042",
            }, approvedAt));
        scenario.Answer("issue-act", new { number = "0000103", date = "2026-03-20" });
        scenario.Answer("notify-approval", Delivered);
        scenario.Answer("archive-approved", new { id = "DIGIP-H769-2026-0001230" });

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("approved");
        scenario.State.Clocks["decision"].Suspensions.ShouldBe(1);
    }

    [Fact]
    public void integrations_that_never_arrive_end_the_suspension_at_thirty_days_and_silence_then_approves()
    {
        var scenario = AtReview();
        scenario.At(Winter(2026, 3, 9, 10, 0))
            .Complete("review", "request-integration", new { notes = "Manca la planimetria", integration = "Planimetria dei locali" }, IstruttoreSuap);
        scenario.Answer("request-integration", Delivered);

        // 30 days of suspension end on 8 April at 10:00 CET (11:00 CEST). The 23 days left on
        // 9 March run from 8 April: 8 April + 23 = Friday 1 May, a holiday -> Saturday 2 May.
        scenario.SuspensionEnds("decision").ShouldBeEvents(
            new DeadlineResumed("decision", EndOfSummerDay(2026, 5, 2), 3, "the suspension (integration) reached its limit"));
        scenario.MainStep.ShouldBe("await-integration");

        // The wait ends with the 30th day; the review of what there is is due 8 + 10 = Saturday 18 April.
        scenario.WaitTimesOut("await-integration").ShouldBeEvents(
            new WaitTimedOut("await-integration", "main", "documents-received"),
            new StepEntered("review-after-integration", "task", "main", 1),
            new TaskAssigned("review-after-integration", "main", "clerk", "SUAP", ["approve", "reject"], EndOfSummerDay(2026, 4, 18)));
        scenario.Refused(new SuspendDeadline("decision", SuspensionReason.Integration, IstruttoreSuap)).Code.ShouldBe("suspension-used");

        scenario.ClockExpires("decision").ShouldBeEvents(
            new DeadlineExpired("decision", "silenzio-assenso", 4),
            new StepAbandoned("review-after-integration", "main", "clock 'decision' expired"),
            new StepEntered("deemed-approved", "call", "main", 1),
            Requested("deemed-approved", "notify.applicant", SilenzioAssensoNotice, EndOfSummerDay(2026, 5, 2)));
        scenario.Answer("deemed-approved", Delivered);
        scenario.Answer("archive-deemed", new { id = "DIGIP-H769-2026-0001544" });

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("deemed-approved");
    }

    // ── Preavviso di rigetto (art. 10-bis) ──────────────────────────────────────────────

    private static readonly object Rejection = new
    {
        notes = "Locali privi dei requisiti igienico-sanitari",
        reasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)",
    };

    [Fact]
    public void a_rejection_goes_through_the_preavviso_and_after_the_observations_the_manager_rejects()
    {
        var scenario = AtReview();
        var rejectedAt = Winter(2026, 3, 11, 16, 0);

        // Left on 11 March 16:00 CET (15:00 UTC) until 1 April 21:59:59 UTC: 21 days 6:59:59.
        // The preavviso suspends for at most 10 days: until 21 March 16:00.
        scenario.At(rejectedAt).Complete("review", "reject", Rejection, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("review", "main", "reject", "luca.fabbri", "clerk", "SUAP", Obj(Rejection)),
            new VariablesSet("review", Obj(new
            {
                reviewNotes = "Locali privi dei requisiti igienico-sanitari", integrationRequest = (string?)null,
                reasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)",
            })),
            new StepEntered("preavviso", "call", "main", 1),
            new DeadlineSuspended("decision", "preavviso", new TimeSpan(21, 6, 59, 59), Winter(2026, 3, 21, 16, 0), 2, "L. 241/1990 art. 10-bis"),
            Requested("preavviso", "notify.applicant", new
            {
                to = MarioRossi, template = "suap-preavviso",
                subject = "Istanza prot. 0000042: motivi ostativi, osservazioni entro 10 giorni",
                reasons = "Altezza interna dei locali di 2,40 m, inferiore al minimo di 2,70 m (DM 5 luglio 1975)",
            }, rejectedAt));

        // 10 days for observations from 11 March: to the end of Saturday 21 March.
        scenario.Answer("preavviso", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("preavviso", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-observations", "wait", "main", 1),
            new WaitStarted("await-observations", "main", "observations-received", EndOfWinterDay(2026, 3, 21), 1));
        scenario.State.Clocks["decision"].Suspensions.ShouldBe(0); // the preavviso does not use the one suspension

        // Observations filed on Thursday 19 March: the term restarts 10 days later (art. 10-bis,
        // third period, as amended by DL 76/2020), not when the 10 days from the preavviso end.
        // On receipt the 21 days left on 11 March (12 March – 1 April) are counted from 19 March,
        // to Thursday 9 April, and suspended again on the same ground until 29 March 11:00 CET:
        // left from 19 March 10:00 UTC to 9 April 21:59:59 UTC, 21 days 11:59:59.
        // The manager's task is due 19 + 5 = Tuesday 24 March.
        var observations = new { text = "I locali saranno controsoffittati a 2,70 m come da progetto allegato" };
        scenario.At(Winter(2026, 3, 19, 11, 0)).Receive("observations-received", observations).ShouldBeEvents(
            new ExternalEventReceived("await-observations", "main", "observations-received", Obj(observations)),
            new VariablesSet("await-observations", Obj(new { observations = observations.text })),
            new StepEntered("observations-received", "deadline", "main", 1),
            new DeadlineResumed("decision", EndOfSummerDay(2026, 4, 9), 3, "resumed"),
            new DeadlineSuspended("decision", "preavviso", new TimeSpan(21, 11, 59, 59), Winter(2026, 3, 29, 11, 0), 4, "L. 241/1990 art. 10-bis"),
            new StepEntered("final-decision", "task", "main", 1),
            new TaskAssigned("final-decision", "main", "manager", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 24)));
        scenario.State.Clocks["decision"].Suspensions.ShouldBe(0);

        // The first suspension's timer (21 March) is stale; the term restarts on Sunday 29 March:
        // 29 March + 21 = Sunday 19 April -> Monday 20 April. (Restarting on 21 March would have
        // ended it on Saturday 11 April, nine days early.)
        scenario.At(Winter(2026, 3, 21, 16, 0)).When(new TimerFired(TimerKind.SuspensionLimit, "decision", 2)).ShouldBeEmpty();
        scenario.SuspensionEnds("decision").ShouldBeEvents(
            new DeadlineResumed("decision", EndOfSummerDay(2026, 4, 20), 5, "the suspension (preavviso) reached its limit"));

        var decidedAt = Summer(2026, 3, 31, 10, 0);
        var decision = new { notes = "Il controsoffitto non è realizzato: l'altezza utile resta 2,40 m; osservazioni non accolte" };
        scenario.At(decidedAt).Complete("final-decision", "reject", decision, ResponsabileSuap).ShouldBeEvents(
            new TaskCompleted("final-decision", "main", "reject", "paola.marini", "manager", "SUAP", Obj(decision)),
            new VariablesSet("final-decision", Obj(new { reviewNotes = decision.notes })),
            new StepEntered("register-rejection", "call", "main", 1),
            new DeadlineStopped("decision", 6),
            Requested("register-rejection", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi, subject = "Diniego – istanza prot. 0000042", reasons = decision.notes,
            }, decidedAt));

        scenario.Answer("register-rejection", new { number = "0000118", date = "2026-03-31" }).ShouldBeEvents(
            new IntegrationSucceeded("register-rejection", "main", "protocol.register", 1, Obj(new { number = "0000118", date = "2026-03-31" })),
            new VariablesSet("register-rejection", Obj(new { actNumber = "0000118" })),
            new StepEntered("notify-rejection", "call", "main", 1),
            Requested("notify-rejection", "notify.applicant", new
            {
                to = MarioRossi, template = "suap-rejected", subject = "Istanza prot. 0000042: respinta, provvedimento prot. 0000118",
            }, decidedAt));
        scenario.Answer("notify-rejection", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0001302" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-rejected", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001302" })),
            new VariablesSet("archive-rejected", Obj(new { preservationId = "DIGIP-H769-2026-0001302" })),
            new StepEntered("rejected", "end", "main", 1),
            new CaseClosed("rejected", "rejected", null));

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("rejected");
        EventText.Types(scenario.History.SkipWhile(e => e is not TaskCompleted)).ShouldBe([
            "TaskCompleted", "VariablesSet", "StepEntered", "DeadlineSuspended", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "WaitStarted",
            "ExternalEventReceived", "VariablesSet", "StepEntered", "DeadlineResumed", "DeadlineSuspended", "StepEntered", "TaskAssigned",
            "DeadlineResumed",
            "TaskCompleted", "VariablesSet", "StepEntered", "DeadlineStopped", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "CaseClosed"]);
    }

    [Fact]
    public void without_observations_the_preavviso_ends_after_ten_days_and_the_manager_may_still_approve()
    {
        var scenario = AtReview();
        scenario.At(Winter(2026, 3, 11, 16, 0)).Complete("review", "reject", Rejection, IstruttoreSuap);
        scenario.Answer("preavviso", Delivered);

        // 21 days were left on 11 March; the suspension ends on Saturday 21 March at 16:00:
        // 21 March + 21 = Saturday 11 April.
        scenario.SuspensionEnds("decision").ShouldBeEvents(
            new DeadlineResumed("decision", EndOfSummerDay(2026, 4, 11), 3, "the suspension (preavviso) reached its limit"));

        // No observations by the end of 21 March: the manager decides, due 21 + 5 = Thursday 26 March.
        scenario.WaitTimesOut("await-observations").ShouldBeEvents(
            new WaitTimedOut("await-observations", "main", "observations-received"),
            new StepEntered("final-decision", "task", "main", 1),
            new TaskAssigned("final-decision", "main", "manager", "SUAP", ["approve", "reject"], EndOfWinterDay(2026, 3, 26)));

        scenario.At(Winter(2026, 3, 24, 12, 0)).Complete("final-decision", "approve",
            new { notes = "Verificata in sopralluogo un'altezza utile di 2,75 m: motivo ostativo superato" }, ResponsabileSuap)
            .OfType<DeadlineStopped>().Single().ShouldBe(new DeadlineStopped("decision", 4));
        scenario.Answer("issue-act", new { number = "0000131", date = "2026-03-24" });
        scenario.Answer("notify-approval", Delivered);
        scenario.Answer("archive-approved", new { id = "DIGIP-H769-2026-0001360" });

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("approved");
        scenario.History.OfType<StepEntered>().Select(s => s.Step).SkipWhile(s => s != "preavviso").ShouldBe([
            "preavviso", "await-observations", "final-decision", "issue-act", "notify-approval", "archive-approved", "approved"]);
    }

    // ── Silenzio-assenso (art. 20 L. 241/1990) ─────────────────────────────────────────

    private static readonly object SilenzioAssensoNotice = new
    {
        to = MarioRossi, template = "suap-silenzio-assenso",
        subject = "Istanza prot. 0000042: termine decorso, istanza accolta per silenzio-assenso",
    };

    [Fact]
    public void no_decision_by_the_end_of_the_thirtieth_day_is_silenzio_assenso()
    {
        var scenario = AtReview();

        scenario.ClockExpires("decision").ShouldBeEvents(
            new DeadlineExpired("decision", "silenzio-assenso", 2),
            new StepAbandoned("review", "main", "clock 'decision' expired"),
            new StepEntered("deemed-approved", "call", "main", 1),
            Requested("deemed-approved", "notify.applicant", SilenzioAssensoNotice, DecisionDue));
        scenario.Now.ShouldBe(DecisionDue);
        scenario.OpenTasks().ShouldBeEmpty();

        scenario.Answer("deemed-approved", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("deemed-approved", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive-deemed", "call", "main", 1),
            Requested("archive-deemed", "digip.archive", new { protocolNumber = "0000042", documentType = "SUAP-ORD", document = Application }, DecisionDue));
        scenario.Answer("archive-deemed", new { id = "DIGIP-H769-2026-0001420" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-deemed", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001420" })),
            new VariablesSet("archive-deemed", Obj(new { preservationId = "DIGIP-H769-2026-0001420" })),
            new StepEntered("deemed-approved-end", "end", "main", 1),
            new CaseClosed("deemed-approved", "deemed-approved-end", null));

        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe("deemed-approved");
        scenario.State.Clocks["decision"].Status.ShouldBe(ClockStatus.Expired);
        scenario.Refused(new CompleteTask("review", "reject", Obj(Rejection), IstruttoreSuap)).Code.ShouldBe("case-closed");
    }
}
