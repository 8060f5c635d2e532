using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/suap/scia.yaml, every path with the decider alone.
// DPR 160/2010 art. 5; L. 241/1990 art. 19 (as amended by D.Lgs. 126/2016).
//
// The 60-day control term starts when the SCIA is registered on Monday 2 March 2026:
// 2 March + 60 days = Friday 1 May, Festa dei lavoratori, so it ends on Saturday 2 May at
// 23:59:59 CEST (Saturday is a working day for art. 2963 c.c.).
public class when_a_suap_scia_case_runs
{
    private const string CaseId = "SUAP-H769-2026-0000015";
    private const string Activity = "apertura di un esercizio di vicinato del settore alimentare";

    private static readonly WorkflowDefinition Definition = TestDefinitions.Shipped("suap/scia.yaml");

    private static readonly DateTimeOffset Received = Winter(2026, 3, 2, 9, 0);
    private static readonly DateTimeOffset Checked = Winter(2026, 3, 2, 10, 0);
    private static readonly DateTimeOffset ControlDue = EndOfSummerDay(2026, 5, 2);

    private static readonly object Segnalazione = Document("scia-esercizio-vicinato.pdf.p7m",
        "f313d7005e1f24d2b038b09114879d8d1d57991602eabff7cbad62ce495250ed", 356_902);

    private static readonly object Inputs = new { applicant = MarioRossi, activity = Activity, segnalazione = Segnalazione, parcel = Parcel };

    private static readonly object Catalogue = new { code = "SUAP-SCIA", title = "SCIA – esercizio di vicinato", fees = new { istruttoria = 3000 } };
    private static readonly object Protocol = new { number = "0000044", date = "2026-03-02", aoo = "H769-AOO1" };
    private static readonly object Delivered = new { messageId = "PEC-20260302-001044", status = "consegnato" };
    private static readonly object Visura = new
    {
        categoria = "C/1", classe = "5", consistenza = "85 m²", rendita = "2.107,14",
        intestati = new[] { new { fiscalCode = "RSSMRA45D25F205N", diritto = "Proprietà per 1/1" } },
    };
    private static readonly object Avviso = new { noticeNumber = "302000000001234559", iuv = "02000000001234559", amount = 3000 };
    private static readonly object Receipt = new { paidAt = "2026-03-04T11:48:03+01:00", iuv = "02000000001234559", amount = 3000, psp = "Intesa Sanpaolo" };

    private static readonly string[] ControlOutcomes = ["compliant", "order-compliance", "prohibit"];

    private static IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore,
        string token = "main", int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, token, attempt);

    private static CaseScenario Registered()
    {
        var scenario = new CaseScenario(Definition, Received);
        scenario.Submit(CaseId, Inputs, SportelloSuap);
        scenario.Answer("catalogue", Catalogue);
        scenario.Answer("protocol", Protocol);
        return scenario;
    }

    /// <summary>Formally complete at 10:00, receipt sent, visura and fees running.</summary>
    private static CaseScenario Receivable()
    {
        var scenario = Registered();
        scenario.At(Checked).Complete("formal-check", "complete", new { }, SportelloSuap);
        scenario.Answer("receipt", Delivered);
        return scenario;
    }

    /// <summary>Visura done, fees paid on Wednesday 4 March: the control is open, due 4 March + 45 = Saturday 18 April.</summary>
    private static CaseScenario AtControl()
    {
        var scenario = Receivable();
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);
        scenario.At(Winter(2026, 3, 4, 12, 0)).Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["control-review"]);
        return scenario;
    }

    private static void ShouldBeClosed(CaseScenario scenario, string outcome)
    {
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe(outcome);
        scenario.State.Tokens.ShouldBeEmpty();
    }

    // ── Receipt ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public void the_scia_is_registered_and_the_sixty_days_of_control_start()
    {
        var scenario = new CaseScenario(Definition, Received);
        scenario.Submit(CaseId, Inputs, SportelloSuap).ShouldBeEvents(
            new CaseOpened(CaseId, "H769", "suap.scia", 1, Definition.ContentHash, "suap", Obj(Inputs), "chiara.neri", Received),
            new StepEntered("catalogue", "call", "main", 1),
            Requested("catalogue", "procedimarche.lookup", new { code = "SUAP-SCIA" }, Received));

        scenario.Answer("catalogue", Catalogue).ShouldBeEvents(
            new IntegrationSucceeded("catalogue", "main", "procedimarche.lookup", 1, Obj(Catalogue)),
            new VariablesSet("catalogue", Obj(new { fee = 3000 })),
            new StepEntered("protocol", "call", "main", 1),
            new DeadlineStarted("control", "60d", ControlDue, 1, "L. 241/1990 art. 19 c.3; DPR 160/2010 art. 5"),
            Requested("protocol", "protocol.register", new
            {
                direction = "incoming", sender = MarioRossi, subject = "SCIA – " + Activity, document = Segnalazione,
            }, Received));

        // The completeness check is due the day after: Tuesday 3 March.
        scenario.Answer("protocol", Protocol).ShouldBeEvents(
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, Obj(Protocol)),
            new VariablesSet("protocol", Obj(new { protocolNumber = "0000044", protocolDate = "2026-03-02" })),
            new StepEntered("formal-check", "task", "main", 1),
            new TaskAssigned("formal-check", "main", "clerk", "SUAP", ["complete", "incomplete"], EndOfWinterDay(2026, 3, 3)));
    }

    [Fact]
    public void a_complete_scia_gets_its_receipt_at_once_and_visura_and_fees_run_in_parallel()
    {
        var scenario = Registered();

        scenario.At(Checked).Complete("formal-check", "complete", new { }, SportelloSuap).ShouldBeEvents(
            new TaskCompleted("formal-check", "main", "complete", "chiara.neri", "clerk", "SUAP", Obj(new { })),
            new VariablesSet("formal-check", Obj(new { formalNotes = (string?)null })),
            new StepEntered("receipt", "call", "main", 1),
            Requested("receipt", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-receipt", subject = "Ricevuta SCIA prot. 0000044 del 2026-03-02",
            }, Checked));

        scenario.Answer("receipt", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("receipt", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "control-review", ["checks/has-parcel", "checks/needs-fee"]),
            new StepEntered("has-parcel", "decision", "checks/has-parcel", 1),
            new DecisionTaken("has-parcel", "checks/has-parcel", "inputs.parcel != null", "visura"),
            new StepEntered("visura", "call", "checks/has-parcel", 1),
            Requested("visura", "sigmater.visura", new { parcel = Parcel }, Checked, token: "checks/has-parcel"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
            new StepEntered("request-payment", "call", "checks/needs-fee", 1),
            Requested("request-payment", "mpay.request-payment", new
            {
                payer = MarioRossi, amount = 3000, description = "Diritti SUAP – SCIA prot. 0000044",
            }, Checked, token: "checks/needs-fee"));
    }

    [Fact]
    public void the_visura_and_the_payment_receipt_open_the_control()
    {
        var scenario = Receivable();

        scenario.Answer("visura", Visura).ShouldBeEvents(
            new IntegrationSucceeded("visura", "checks/has-parcel", "sigmater.visura", 1, Obj(Visura)),
            new VariablesSet("visura", Obj(new { cadastre = Visura })),
            new BranchFinished("checks", "checks/has-parcel", "control-review"));

        // 15 days for the payment: 2 March + 15 = Tuesday 17 March.
        scenario.Answer("request-payment", Avviso).ShouldBeEvents(
            new IntegrationSucceeded("request-payment", "checks/needs-fee", "mpay.request-payment", 1, Obj(Avviso)),
            new VariablesSet("request-payment", Obj(new { noticeNumber = "302000000001234559" })),
            new StepEntered("await-payment", "wait", "checks/needs-fee", 1),
            new WaitStarted("await-payment", "checks/needs-fee", "payment-received", EndOfWinterDay(2026, 3, 17), 1));

        // The control is due 45 days later: 4 March + 45 = Saturday 18 April.
        scenario.At(Winter(2026, 3, 4, 12, 0)).Receive("payment-received", Receipt).ShouldBeEvents(
            new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
            new VariablesSet("await-payment", Obj(new { paidAt = "2026-03-04T11:48:03+01:00" })),
            new BranchFinished("checks", "checks/needs-fee", "control-review"),
            new BranchesJoined("checks", "main", "control-review"),
            new StepEntered("control-review", "task", "main", 1),
            new TaskAssigned("control-review", "main", "clerk", "SUAP", ControlOutcomes, EndOfSummerDay(2026, 4, 18)));
    }

    [Fact]
    public void an_incomplete_scia_is_not_receivable_no_receipt_is_sent_and_it_is_archived_as_rejected()
    {
        var scenario = Registered();
        var form = new { notes = "Manca l'asseverazione del tecnico sul rispetto dei requisiti igienico-sanitari" };

        scenario.At(Checked).Complete("formal-check", "incomplete", form, SportelloSuap).ShouldBeEvents(
            new TaskCompleted("formal-check", "main", "incomplete", "chiara.neri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("formal-check", Obj(new { formalNotes = form.notes })),
            new StepEntered("not-receivable", "call", "main", 1),
            new DeadlineStopped("control", 2),
            Requested("not-receivable", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-not-receivable",
                subject = "SCIA prot. 0000044: segnalazione formalmente incompleta", notes = form.notes,
            }, Checked));

        scenario.Answer("not-receivable", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("not-receivable", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive-rejected", "call", "main", 1),
            Requested("archive-rejected", "digip.archive", new { protocolNumber = "0000044", documentType = "SCIA", document = Segnalazione }, Checked));
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0000981" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-rejected", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0000981" })),
            new VariablesSet("archive-rejected", Obj(new { preservationId = "DIGIP-H769-2026-0000981" })),
            new StepEntered("rejected", "end", "main", 1),
            new CaseClosed("rejected", "rejected", null));

        ShouldBeClosed(scenario, "rejected");
        scenario.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
        scenario.History.OfType<StepEntered>().Select(s => s.Step).ShouldNotContain("receipt");
    }

    // ── Control within 60 days ──────────────────────────────────────────────────────────

    [Fact]
    public void a_compliant_scia_stops_the_term_and_is_archived()
    {
        var scenario = AtControl();
        var decidedAt = Summer(2026, 4, 13, 10, 0);
        var form = new { notes = "Requisiti morali e professionali verificati (art. 71 D.Lgs. 59/2010); locali conformi" };

        scenario.At(decidedAt).Complete("control-review", "compliant", form, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("control-review", "main", "compliant", "luca.fabbri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("control-review", Obj(new { controlNotes = form.notes, complianceMeasures = (string?)null })),
            new StepEntered("compliant", "call", "main", 1),
            new DeadlineStopped("control", 2),
            Requested("compliant", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-compliant", subject = "SCIA prot. 0000044: controllo concluso, nessun rilievo",
            }, decidedAt));
        scenario.Answer("compliant", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("compliant", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive", "call", "main", 1),
            Requested("archive", "digip.archive", new { protocolNumber = "0000044", documentType = "SCIA", document = Segnalazione }, decidedAt));
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001410" }).ShouldBeEvents(
            new IntegrationSucceeded("archive", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001410" })),
            new VariablesSet("archive", Obj(new { preservationId = "DIGIP-H769-2026-0001410" })),
            new StepEntered("archived", "end", "main", 1),
            new CaseClosed("archived", "archived", null));

        ShouldBeClosed(scenario, "archived");
        scenario.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
        scenario.History.OfType<StepEntered>().Select(s => s.Step).ShouldBe([
            "catalogue", "protocol", "formal-check", "receipt", "checks", "has-parcel", "visura", "needs-fee",
            "request-payment", "await-payment", "control-review", "compliant", "archive", "archived"]);
    }

    [Fact]
    public void a_prohibition_within_the_term_is_registered_notified_and_archived_as_rejected()
    {
        var scenario = AtControl();
        var decidedAt = Summer(2026, 4, 15, 10, 0);
        var form = new { notes = "Il locale non ha i requisiti di sorvegliabilità (DM 564/1992): divieto di prosecuzione" };

        scenario.At(decidedAt).Complete("control-review", "prohibit", form, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("control-review", "main", "prohibit", "luca.fabbri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("control-review", Obj(new { controlNotes = form.notes, complianceMeasures = (string?)null })),
            new StepEntered("prohibit", "call", "main", 1),
            new DeadlineStopped("control", 2),
            Requested("prohibit", "protocol.register", new
            {
                direction = "outgoing", recipient = MarioRossi,
                subject = "Divieto di prosecuzione attività – SCIA prot. 0000044", notes = form.notes,
            }, decidedAt));
        scenario.Answer("prohibit", new { number = "0000210", date = "2026-04-15" }).ShouldBeEvents(
            new IntegrationSucceeded("prohibit", "main", "protocol.register", 1, Obj(new { number = "0000210", date = "2026-04-15" })),
            new VariablesSet("prohibit", Obj(new { actNumber = "0000210" })),
            new StepEntered("notify-prohibition", "call", "main", 1),
            Requested("notify-prohibition", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-prohibition", subject = "SCIA prot. 0000044: divieto di prosecuzione, atto prot. 0000210",
            }, decidedAt));
        scenario.Answer("notify-prohibition", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0001433" });

        ShouldBeClosed(scenario, "rejected");
        EventText.Types(scenario.History.SkipWhile(e => e is not TaskCompleted { Step: "control-review" })).ShouldBe([
            "TaskCompleted", "VariablesSet", "StepEntered", "DeadlineStopped", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "CaseClosed"]);
    }

    // ── Conformazione: the order interrupts the 60 days (art. 19 c.3) ──────────────────

    private static readonly object Order = new
    {
        notes = "Manca il lavello a comando non manuale nel locale di preparazione",
        measures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
    };

    private static readonly DateTimeOffset Ordered = Summer(2026, 4, 1, 10, 0);

    [Fact]
    public void an_order_of_compliance_interrupts_the_term_and_the_measures_restart_it_in_full()
    {
        var scenario = AtControl();

        scenario.At(Ordered).Complete("control-review", "order-compliance", Order, IstruttoreSuap).ShouldBeEvents(
            new TaskCompleted("control-review", "main", "order-compliance", "luca.fabbri", "clerk", "SUAP", Obj(Order)),
            new VariablesSet("control-review", Obj(new
            {
                controlNotes = "Manca il lavello a comando non manuale nel locale di preparazione",
                complianceMeasures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
            })),
            new StepEntered("order-compliance", "call", "main", 1),
            new DeadlineInterrupted("control", 2, "L. 241/1990 art. 19 c.3"),
            Requested("order-compliance", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-order-compliance",
                subject = "SCIA prot. 0000044: misure di conformazione entro 30 giorni",
                measures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
            }, Ordered));
        scenario.State.Clocks["control"].DueAt.ShouldBeNull();

        // 30 days for the measures: 1 April + 30 = Friday 1 May, a holiday -> Saturday 2 May.
        scenario.Answer("order-compliance", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("order-compliance", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-compliance", "wait", "main", 1),
            new WaitStarted("await-compliance", "main", "documents-received", EndOfSummerDay(2026, 5, 2), 1));

        // Measures communicated on Tuesday 21 April: the full 60 days again, 21 April + 60 =
        // Saturday 20 June; the re-check is due 21 April + 30 = Thursday 21 May.
        var payload = new
        {
            documents = new[] { Document("foto-lavello-installato.pdf", "b864b8c3fe3dc786fad664095d4dd55603fe672e80aa4aacb3a1cb94b5c04676", 845_112, "application/pdf") },
        };
        scenario.At(Summer(2026, 4, 21, 11, 0)).Receive("documents-received", payload).ShouldBeEvents(
            new ExternalEventReceived("await-compliance", "main", "documents-received", Obj(payload)),
            new StepEntered("compliance-received", "deadline", "main", 1),
            new DeadlineResumed("control", EndOfSummerDay(2026, 6, 20), 3, "restarted in full after the interruption"),
            new StepEntered("recheck", "task", "main", 1),
            new TaskAssigned("recheck", "main", "clerk", "SUAP", ["compliant", "prohibit"], EndOfSummerDay(2026, 5, 21)));
        scenario.Refused(new InterruptDeadline("control", IstruttoreSuap)).Code.ShouldBe("interruption-used");

        scenario.At(Summer(2026, 5, 5, 9, 0)).Complete("recheck", "compliant", new { notes = "Lavello installato, verificato in sopralluogo" }, IstruttoreSuap)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("control", 4));
        scenario.Answer("compliant", Delivered);
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001702" });

        ShouldBeClosed(scenario, "archived");
        scenario.State.Variables["controlNotes"]!.GetValue<string>().ShouldBe("Lavello installato, verificato in sopralluogo");
    }

    [Fact]
    public void measures_not_communicated_in_thirty_days_mean_the_activity_is_prohibited()
    {
        var scenario = AtControl();
        scenario.At(Ordered).Complete("control-review", "order-compliance", Order, IstruttoreSuap);
        scenario.Answer("order-compliance", Delivered);

        // The interrupted term is stopped: nothing runs any more.
        scenario.WaitTimesOut("await-compliance").ShouldBeEvents(
            new WaitTimedOut("await-compliance", "main", "documents-received"),
            new StepEntered("deemed-prohibited", "call", "main", 1),
            new DeadlineStopped("control", 3),
            Requested("deemed-prohibited", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-deemed-prohibited", subject = "SCIA prot. 0000044: misure non comunicate, attività vietata",
            }, EndOfSummerDay(2026, 5, 2)));
        scenario.Answer("deemed-prohibited", Delivered);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0001810" });

        ShouldBeClosed(scenario, "rejected");
        scenario.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
    }

    // ── The control window runs out (art. 19 c.4) ───────────────────────────────────────

    [Fact]
    public void sixty_days_without_a_measure_consolidate_the_scia_even_if_the_notice_fails()
    {
        var scenario = AtControl();

        scenario.ClockExpires("control").ShouldBeEvents(
            new DeadlineExpired("control", "none", 2),
            new StepAbandoned("control-review", "main", "clock 'control' expired"),
            new StepEntered("consolidated", "call", "main", 1),
            Requested("consolidated", "notify.applicant", new
            {
                to = MarioRossi, template = "scia-consolidated", subject = "SCIA prot. 0000044: termine di controllo decorso",
            }, ControlDue));

        // The notice is a courtesy: onFailure goes on to the archive.
        scenario.Fail("consolidated", "PEC: casella del destinatario piena", transient: false).ShouldBeEvents(
            new IntegrationFailed("consolidated", "main", "notify.applicant", 1, "PEC: casella del destinatario piena", false),
            new StepEntered("archive", "call", "main", 1),
            Requested("archive", "digip.archive", new { protocolNumber = "0000044", documentType = "SCIA", document = Segnalazione }, ControlDue));
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001800" });

        ShouldBeClosed(scenario, "archived");
        scenario.State.Clocks["control"].Status.ShouldBe(ClockStatus.Expired);
        scenario.Refused(new CompleteTask("control-review", "prohibit", Obj(new { notes = "tardivo" }), IstruttoreSuap)).Code.ShouldBe("case-closed");
    }

    // ── Integrations that fail ──────────────────────────────────────────────────────────

    [Fact]
    public void a_catalogue_that_cannot_be_read_raises_an_incident_before_any_term_starts()
    {
        var scenario = new CaseScenario(Definition, Received);
        scenario.Submit(CaseId, Inputs, SportelloSuap);

        scenario.Fail("catalogue", "ProcediMarche: 404 procedimento SUAP-SCIA non pubblicato", transient: false).ShouldBeEvents(
            new IntegrationFailed("catalogue", "main", "procedimarche.lookup", 1, "ProcediMarche: 404 procedimento SUAP-SCIA non pubblicato", false),
            new IncidentRaised("catalogue", "main", "procedimarche.lookup", 1, "permanent failure: ProcediMarche: 404 procedimento SUAP-SCIA non pubblicato"));
        scenario.State.Clocks.ShouldBeEmpty();

        var retried = Winter(2026, 3, 2, 9, 40);
        scenario.At(retried).When(new RetryIncident("catalogue", SportelloSuap)).ShouldBeEvents(
            new IncidentResolved("catalogue", "main", "retried", "chiara.neri"),
            Requested("catalogue", "procedimarche.lookup", new { code = "SUAP-SCIA" }, retried, attempt: 2));
        scenario.Answer("catalogue", Catalogue).OfType<DeadlineStarted>()
            .ShouldBeEvents(new DeadlineStarted("control", "60d", ControlDue, 1, "L. 241/1990 art. 19 c.3; DPR 160/2010 art. 5"));
    }

    [Fact]
    public void an_avviso_that_cannot_be_created_is_an_incident_of_its_branch_only()
    {
        var scenario = Receivable();

        scenario.Fail("request-payment", "MPay: 422 causale troppo lunga", transient: false).ShouldBeEvents(
            new IntegrationFailed("request-payment", "checks/needs-fee", "mpay.request-payment", 1, "MPay: 422 causale troppo lunga", false),
            new IncidentRaised("request-payment", "checks/needs-fee", "mpay.request-payment", 1, "permanent failure: MPay: 422 causale troppo lunga"));
        scenario.Answer("visura", Visura).OfType<BranchFinished>().Single().Token.ShouldBe("checks/has-parcel");
        scenario.OpenTasks().ShouldBeEmpty(); // the join waits for the fees branch

        scenario.When(new RetryIncident("request-payment", SportelloSuap));
        scenario.Answer("request-payment", Avviso);
        scenario.Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["control-review"]);
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task()
    {
        var scenario = Receivable();

        // 5 days: 2 March + 5 = Saturday 7 March.
        scenario.Fail("visura", "SigmaTER: timeout", transient: true);
        scenario.Fail("visura", "SigmaTER: timeout", transient: true);
        scenario.Fail("visura", "SigmaTER: timeout", transient: true).ShouldBeEvents(
            new IntegrationFailed("visura", "checks/has-parcel", "sigmater.visura", 3, "SigmaTER: timeout", false),
            new StepEntered("manual-visura", "task", "checks/has-parcel", 1),
            new TaskAssigned("manual-visura", "checks/has-parcel", "clerk", "SUAP", ["done"], EndOfWinterDay(2026, 3, 7)));

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. C/1, intestato a Rossi Mario" };
        scenario.Complete("manual-visura", "done", form, SportelloSuap).ShouldBeEvents(
            new TaskCompleted("manual-visura", "checks/has-parcel", "done", "chiara.neri", "clerk", "SUAP", Obj(form)),
            new VariablesSet("manual-visura", Obj(form)),
            new BranchFinished("checks", "checks/has-parcel", "control-review"));
    }

    [Fact]
    public void an_unpaid_avviso_gets_a_reminder_and_a_reminder_that_fails_does_not_stop_the_control()
    {
        var scenario = Receivable();
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);

        scenario.WaitTimesOut("await-payment").ShouldBeEvents(
            new WaitTimedOut("await-payment", "checks/needs-fee", "payment-received"),
            new StepEntered("payment-reminder", "call", "checks/needs-fee", 1),
            Requested("payment-reminder", "notify.applicant", new
            {
                to = MarioRossi, template = "payment-reminder",
                subject = "SCIA prot. 0000044: diritti non ancora pagati, avviso 302000000001234559",
            }, EndOfWinterDay(2026, 3, 17), token: "checks/needs-fee"));

        // The control is due 17 March + 45 = Friday 1 May, a holiday -> Saturday 2 May.
        scenario.Fail("payment-reminder", "PEC: indirizzo non valido", transient: false).ShouldBeEvents(
            new IntegrationFailed("payment-reminder", "checks/needs-fee", "notify.applicant", 1, "PEC: indirizzo non valido", false),
            new BranchFinished("checks", "checks/needs-fee", "control-review"),
            new BranchesJoined("checks", "main", "control-review"),
            new StepEntered("control-review", "task", "main", 1),
            new TaskAssigned("control-review", "main", "clerk", "SUAP", ControlOutcomes, EndOfSummerDay(2026, 5, 2)));
    }
}
