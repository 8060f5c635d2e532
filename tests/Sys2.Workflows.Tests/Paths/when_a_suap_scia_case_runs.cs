using System.Text.Json.Nodes;
using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.Pratiche;
using static Sys2.Workflows.Tests.Paths.Scia;

namespace Sys2.Workflows.Tests.Paths;

// workflows/suap/scia.yaml, every path with the decider alone.
// DPR 160/2010 art. 5; L. 241/1990 art. 19 (as amended by D.Lgs. 126/2016).
// The case and what the systems answer: Scia.cs.
public class when_a_suap_scia_case_runs
{
    // ── Receipt ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public void the_scia_is_registered_and_the_sixty_days_of_control_start()
    {
        var scia = Submitted();

        scia.LastEvents.ShouldBeEvents([
            new CaseOpened(scia.CaseId, "H769", "suap.scia", 1, scia.Definition.ContentHash, "suap", Obj(Inputs), "chiara.neri", Filed),
            .. scia.Calls("catalogue", "procedimarche.lookup", new { code = "SUAP-SCIA" }, Filed)]);

        scia.Catalogued().LastEvents.ShouldBeEvents([
            .. scia.CatalogueRead(fee: 3000),
            .. OnEntry(new DeadlineStarted("control", "60d", ControlDue, 1, ControlBasis, ControlShiftedFrom), scia.Registers("SCIA – " + Activity, Filed))]);

        // The completeness check is due the day after: Tuesday 3 March.
        scia.ThroughProtocol().LastEvents.ShouldBeEvents([
            .. scia.ProtocolRead(),
            .. Assigns("formal-check", "clerk", "SUAP", ["complete", "incomplete"], EndOfWinterDay(2026, 3, 3))]);
    }

    [Fact]
    public void a_complete_scia_gets_its_receipt_at_once_and_visura_and_fees_run_in_parallel()
    {
        var scia = Registered();

        scia.At(Checked).FormalCheck("complete", new { }).LastEvents.ShouldBeEvents([
            .. Done("formal-check", "complete", new { }, SportelloSuap, new { formalNotes = (string?)null }),
            .. scia.Notifies("receipt", "scia-receipt", "Ricevuta SCIA prot. 0000044 del 2026-03-02", Checked)]);

        scia.NoticeDelivered().LastEvents.ShouldBeEvents(scia.ChecksFork(Checked));
    }

    [Fact]
    public void an_incomplete_scia_is_not_receivable_no_receipt_is_sent_and_it_is_archived_as_rejected()
    {
        var scia = Registered();
        var form = new { notes = "Manca l'asseverazione del tecnico sul rispetto dei requisiti igienico-sanitari" };

        scia.At(Checked).FormalCheck("incomplete", form).LastEvents.ShouldBeEvents([
            .. Done("formal-check", "incomplete", form, SportelloSuap, new { formalNotes = form.notes }),
            .. OnEntry(new DeadlineStopped("control", 2), scia.Notifies("not-receivable", "scia-not-receivable",
                "SCIA prot. 0000044: segnalazione formalmente incompleta", Checked, new { notes = form.notes }))]);

        // No act was adopted: the package holds the application alone.
        scia.Delivers("not-receivable").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("not-receivable", "archive-rejected", Checked, acts: []));
        scia.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0000981").LastEvents
            .ShouldBeEvents(Archived("archive-rejected", "DIGIP-H769-2026-0000981", "rejected", "rejected"));

        scia.ShouldBeClosed("rejected");
        scia.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
        scia.StepsEntered.ShouldNotContain("receipt");
    }

    // ── Control within 60 days ──────────────────────────────────────────────────────────

    [Fact]
    public void a_compliant_scia_stops_the_term_and_is_archived()
    {
        var scia = AtControl();
        var decidedAt = Summer(2026, 4, 13, 10, 0);
        var form = new { notes = "Requisiti morali e professionali verificati (art. 71 D.Lgs. 59/2010); locali conformi" };

        scia.At(decidedAt).ControlReview("compliant", form).LastEvents.ShouldBeEvents([
            .. Done("control-review", "compliant", form, IstruttoreSuap, new { controlNotes = form.notes, complianceMeasures = (string?)null }),
            .. OnEntry(new DeadlineStopped("control", 2),
                scia.Notifies("compliant", "scia-compliant", "SCIA prot. 0000044: controllo concluso, nessun rilievo", decidedAt))]);
        scia.Delivers("compliant").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("compliant", "archive", decidedAt, acts: []));
        scia.ArchivedAs("archive", "DIGIP-H769-2026-0001410").LastEvents
            .ShouldBeEvents(Archived("archive", "DIGIP-H769-2026-0001410", "archived", "archived"));

        scia.ShouldBeClosed("archived");
        scia.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
        scia.StepsEntered.ShouldBe([
            "catalogue", "protocol", "formal-check", "receipt", "checks", "has-parcel", "visura", "needs-fee",
            "request-payment", "avviso-pagopa", "await-payment", "control-review", "compliant", "archive", "archived"]);
    }

    [Fact]
    public void a_prohibition_within_the_term_is_registered_notified_and_archived_as_rejected()
    {
        var scia = AtControl();
        var decidedAt = Summer(2026, 4, 15, 10, 0);
        var form = new { notes = "Il locale non ha i requisiti di sorvegliabilità (DM 564/1992): divieto di prosecuzione" };

        scia.At(decidedAt).ControlReview("prohibit", form).LastEvents.ShouldBeEvents([
            .. Done("control-review", "prohibit", form, IstruttoreSuap, new { controlNotes = form.notes, complianceMeasures = (string?)null }),
            .. OnEntry(new DeadlineStopped("control", 2),
                scia.RegistersAct("prohibit", "Divieto di prosecuzione attività – SCIA prot. 0000044", decidedAt, new { notes = form.notes }))]);
        scia.ActRegistered("prohibit", "0000210").LastEvents.ShouldBeEvents([
            .. scia.ActRead("prohibit", "0000210", "2026-04-15", dated: true),
            .. scia.Notifies("notify-prohibition", "scia-prohibition", "SCIA prot. 0000044: divieto di prosecuzione, atto prot. 0000210", decidedAt)]);
        // The prohibition is preserved with the application, under its own outgoing registration.
        scia.Delivers("notify-prohibition").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("notify-prohibition", "archive-rejected", decidedAt,
            acts: [new JsonObject { ["protocolNumber"] = "0000210", ["protocolDate"] = "2026-04-15", ["documentType"] = "Divieto di prosecuzione (art. 19 c.3)" }]));
        scia.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0001433");

        scia.ShouldBeClosed("rejected");
        EventText.Types(scia.History.SkipWhile(e => e is not TaskCompleted { Step: "control-review" })).ShouldBe([
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
        var scia = AtControl();

        scia.At(Ordered).ControlReview("order-compliance", Order).LastEvents.ShouldBeEvents([
            .. Done("control-review", "order-compliance", Order, IstruttoreSuap, new
            {
                controlNotes = "Manca il lavello a comando non manuale nel locale di preparazione",
                complianceMeasures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
            }),
            // The order is an act of its own: registered as outgoing first (DPR 445/2000 art. 53).
            .. scia.RegistersAct("register-order-compliance", "Atto di conformazione (art. 19 c.3 L. 241/1990) – SCIA prot. 0000044", Ordered)]);
        scia.ActRegistered("register-order-compliance", "0000150").LastEvents.ShouldBeEvents([
            .. Read("register-order-compliance", "protocol.register", new { number = "0000150", date = "2026-04-01" },
                new { complianceNumber = "0000150", complianceDate = "2026-04-01" }),
            .. OnEntry(new DeadlineInterrupted("control", 2, "L. 241/1990 art. 19 c.3"),
                scia.Notifies("order-compliance", "scia-order-compliance", "SCIA prot. 0000044: misure di conformazione entro 30 giorni", Ordered,
                    new { measures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)" }))]);
        scia.State.Clocks["control"].DueAt.ShouldBeNull();

        // 30 days for the measures: 1 April + 30 = Friday 1 May, a holiday -> Saturday 2 May.
        scia.Delivers("order-compliance").LastEvents.ShouldBeEvents([
            scia.NoticeSent("order-compliance"),
            .. Waits("await-compliance", "documents-received", EndOfSummerDay(2026, 5, 2))]);

        // Measures communicated on Tuesday 21 April: the full 60 days again, 21 April + 60 =
        // Saturday 20 June; the re-check is due 21 April + 30 = Thursday 21 May.
        var payload = new
        {
            documents = new[] { Document("foto-lavello-installato.pdf", "b864b8c3fe3dc786fad664095d4dd55603fe672e80aa4aacb3a1cb94b5c04676", 845_112, "application/pdf") },
        };
        scia.At(Summer(2026, 4, 21, 11, 0)).Received("documents-received", payload).LastEvents.ShouldBeEvents([
            .. Arrives("await-compliance", "documents-received", payload),
            .. Resumes("compliance-received", "control", EndOfSummerDay(2026, 6, 20), 3, "restarted in full after the interruption"),
            .. Assigns("recheck", "clerk", "SUAP", ["compliant", "prohibit"], EndOfSummerDay(2026, 5, 21))]);
        scia.Refused(new InterruptDeadline("control", IstruttoreSuap)).Code.ShouldBe("interruption-used");

        scia.At(Summer(2026, 5, 5, 9, 0)).Completed("recheck", "compliant", new { notes = "Lavello installato, verificato in sopralluogo" }, IstruttoreSuap)
            .LastEvents.OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("control", 4));
        // The order of compliance reaches the SIP with its own outgoing registration.
        scia.Delivers("compliant").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("compliant", "archive", Summer(2026, 5, 5, 9, 0),
            acts: [Scia.Act("0000150", "2026-04-01", "Atto motivato di conformazione (L. 241/1990 art. 19 c.3)")]));
        scia.ArchivedAs("archive", "DIGIP-H769-2026-0001702");

        scia.ShouldBeClosed("archived");
        scia.State.Variables["controlNotes"]!.GetValue<string>().ShouldBe("Lavello installato, verificato in sopralluogo");
    }

    [Fact]
    public void measures_not_communicated_in_thirty_days_mean_the_activity_is_prohibited()
    {
        var scia = AtControl().At(Ordered).ControlReview("order-compliance", Order).ActRegistered("register-order-compliance", "0000150").Delivers("order-compliance");

        // The interrupted term is stopped: nothing runs any more.
        scia.WaitTimesOut("await-compliance").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-compliance", "main", "documents-received"),
            .. OnEntry(new DeadlineStopped("control", 3), scia.Notifies("deemed-prohibited", "scia-deemed-prohibited",
                "SCIA prot. 0000044: misure non comunicate, attività vietata", EndOfSummerDay(2026, 5, 2)))]);
        scia.Delivers("deemed-prohibited").ArchivedAs("archive-rejected", "DIGIP-H769-2026-0001810");

        scia.ShouldBeClosed("rejected");
        scia.State.Clocks["control"].Status.ShouldBe(ClockStatus.Stopped);
    }

    // ── The control window runs out (art. 19 c.4) ───────────────────────────────────────

    /// <summary>Six months from the consolidation (Saturday 2 May 2026) by the calendar: Monday 2 November, not moved (a ceiling).</summary>
    private static readonly DateTimeOffset SelfRedressDue = new(2026, 11, 2, 23, 59, 59, TimeSpan.FromHours(1));

    private static readonly object NothingToAnnul = new { notes = "nessun vizio di legittimità rilevato" };

    [Fact]
    public void sixty_days_without_a_measure_consolidate_the_scia_and_open_the_six_months_of_art_21_nonies_even_if_the_notice_fails()
    {
        var scia = AtControl();

        scia.ClockExpires("control").LastEvents.ShouldBeEvents([
            .. Expires("control", "none", 2, abandoned: "control-review"),
            .. OnEntry(new DeadlineStarted("self-redress", "6mo", SelfRedressDue, 1, "L. 241/1990 art. 21-nonies c.1 (L. 182/2025 art. 1); art. 19 c.4"),
                scia.Notifies("consolidated", "scia-consolidated", "SCIA prot. 0000044: termine di controllo decorso", ControlDue))]);

        // The notice is a courtesy: onFailure goes on to the manager's review of the window.
        scia.Failed("consolidated", "PEC: casella del destinatario piena");
        scia.State.Clocks["control"].Status.ShouldBe(ClockStatus.Expired);
        scia.OpenTasks().ShouldBe(["self-redress-review"]);
        scia.Refused(new CompleteTask("control-review", "prohibit", Obj(new { notes = "tardivo" }), IstruttoreSuap)).Code.ShouldBe("no-open-task");

        // No ground for annulment: the window closes early and the SCIA is archived.
        scia.At(Summer(2026, 6, 10, 10, 0)).Completed("self-redress-review", "close", NothingToAnnul, ResponsabileSuap);
        scia.State.Clocks["self-redress"].Status.ShouldBe(ClockStatus.Stopped);
        scia.ArchivedAs("archive", "DIGIP-H769-2026-0001800");
        scia.ShouldBeClosed("archived");
    }

    [Fact]
    public void an_annulment_within_the_six_months_is_registered_notified_and_preserved_with_the_scia()
    {
        var scia = AtControl().ClockExpires("control").Delivers("consolidated");
        var decidedAt = Summer(2026, 7, 15, 10, 0);
        var form = new { notes = "requisiti di sorvegliabilità mai posseduti; interesse pubblico attuale prevalente" };

        scia.At(decidedAt).Completed("self-redress-review", "annul", form, ResponsabileSuap).LastEvents.ShouldBeEvents([
            .. Done("self-redress-review", "annul", form, ResponsabileSuap, new { redressNotes = form.notes }),
            .. OnEntry(new DeadlineStopped("self-redress", 2),
                scia.RegistersAct("annul", "Annullamento d’ufficio (art. 21-nonies L. 241/1990) – SCIA prot. 0000044", decidedAt, new { notes = form.notes }))]);
        scia.ActRegistered("annul", "0000388");
        scia.Delivers("notify-annulment").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("notify-annulment", "archive-rejected", decidedAt,
            acts: [new JsonObject { ["protocolNumber"] = "0000388", ["protocolDate"] = "2026-07-15", ["documentType"] = "Annullamento d’ufficio (art. 21-nonies)" }]));
        scia.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0002001");
        scia.ShouldBeClosed("rejected");
    }

    [Fact]
    public void the_six_months_run_out_and_the_scia_is_archived()
    {
        var scia = AtControl().ClockExpires("control").Delivers("consolidated");

        scia.ClockExpires("self-redress");

        scia.Scenario.Now.ShouldBe(SelfRedressDue);
        scia.OpenTasks().ShouldBeEmpty();
        scia.ArchivedAs("archive", "DIGIP-H769-2026-0002002");
        scia.ShouldBeClosed("archived");
    }

    // ── Integrations that fail ──────────────────────────────────────────────────────────

    [Fact]
    public void a_catalogue_that_cannot_be_read_raises_an_incident_before_any_term_starts()
    {
        const string Unpublished = "ProcediMarche: 404 procedimento SUAP-SCIA non pubblicato";
        var scia = Submitted();

        scia.Failed("catalogue", Unpublished).LastEvents.ShouldBeEvents(Incident("catalogue", "procedimarche.lookup", Unpublished));
        scia.State.Clocks.ShouldBeEmpty();

        var retried = Winter(2026, 3, 2, 9, 40);
        scia.At(retried).Retried("catalogue", SportelloSuap).LastEvents
            .ShouldBeEvents(scia.RetryRequested("catalogue", "procedimarche.lookup", new { code = "SUAP-SCIA" }, retried, attempt: 2, SportelloSuap));
        scia.Catalogued().LastEvents.OfType<DeadlineStarted>()
            .ShouldBeEvents(new DeadlineStarted("control", "60d", ControlDue, 1, ControlBasis, ControlShiftedFrom));
    }

    [Fact]
    public void an_avviso_that_cannot_be_created_is_an_incident_of_its_branch_only()
    {
        var scia = Receivable();

        scia.Failed("request-payment", "MPay: 422 causale troppo lunga").LastEvents
            .ShouldBeEvents(Incident("request-payment", "mpay.request-payment", "MPay: 422 causale troppo lunga", token: "checks/needs-fee"));
        scia.VisuraArrives().LastEvents.OfType<BranchFinished>().Single().Token.ShouldBe("checks/has-parcel");
        scia.OpenTasks().ShouldBeEmpty(); // the join waits for the fees branch

        scia.Retried("request-payment", SportelloSuap).AvvisoIssued().PaymentReceived();
        scia.OpenTasks().ShouldBe(["control-review"]);
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task()
    {
        var scia = Receivable();

        // 5 days: 2 March + 5 = Saturday 7 March.
        scia.Failed("visura", "SigmaTER: timeout", transient: true).Failed("visura", "SigmaTER: timeout", transient: true)
            .Failed("visura", "SigmaTER: timeout", transient: true).LastEvents
            .ShouldBeEvents(scia.VisuraGoesManual("SigmaTER: timeout", EndOfWinterDay(2026, 3, 7), attempt: 3));

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. C/1, intestato a Rossi Mario" };
        scia.ManualVisura(form).LastEvents.ShouldBeEvents(scia.ManualVisuraDone(form));
    }

    [Fact]
    public void an_avviso_notice_that_cannot_be_sent_does_not_stop_the_fees_branch()
    {
        var scia = Receivable().VisuraArrives().AvvisoRequested();

        // A courtesy: the avviso stays payable, the wait for its receipt starts as it would have (15 days: 17 March).
        scia.Failed("avviso-pagopa", "SMTP: 550 casella non disponibile").LastEvents.ShouldBeEvents([
            new IntegrationFailed("avviso-pagopa", "checks/needs-fee", "notify.applicant", 1, "SMTP: 550 casella non disponibile", false),
            .. Waits("await-payment", "payment-received", EndOfWinterDay(2026, 3, 17), "checks/needs-fee")]);

        scia.At(PaidOn).PaymentReceived();
        scia.OpenTasks().ShouldBe(["control-review"]);
    }

    [Fact]
    public void an_unpaid_avviso_gets_a_reminder_and_a_reminder_that_fails_does_not_stop_the_control()
    {
        var scia = Receivable().VisuraArrives().AvvisoIssued();

        scia.WaitTimesOut("await-payment").LastEvents.ShouldBeEvents(
            scia.Reminds("SCIA prot. 0000044: diritti non ancora pagati, avviso 302000000001234559", EndOfWinterDay(2026, 3, 17)));

        // The control is due 17 March + 45 = Friday 1 May, a holiday -> Saturday 2 May.
        scia.Failed("payment-reminder", "PEC: indirizzo non valido").LastEvents.ShouldBeEvents([
            new IntegrationFailed("payment-reminder", "checks/needs-fee", "notify.applicant", 1, "PEC: indirizzo non valido", false),
            .. scia.Joins(taskDue: EndOfSummerDay(2026, 5, 2))]);
    }
}
