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
        scia.Delivers("not-receivable").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("not-receivable", "archive-rejected", Checked, acts: [], attachments: []));
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
        scia.Delivers("compliant").LastEvents.ShouldBeEvents(scia.DeliveredThenArchives("compliant", "archive", decidedAt, acts: [], attachments: []));
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
            .. scia.SendsByPec("notify-prohibition", "scia-prohibition", "SCIA prot. 0000044: divieto di prosecuzione, atto prot. 0000210", decidedAt,
                new { notes = form.notes, protocolNumber = "0000210", protocolDate = "2026-04-15", documentType = "Divieto di prosecuzione (L. 241/1990 art. 19 c.3)" })]);
        // No term runs from its receipt, which is waited for ten days: 15 April + 10 = Saturday 25 April, Festa della
        // Liberazione, then Sunday 26: Monday 27 April.
        scia.PecAccepts("notify-prohibition").LastEvents.ShouldBeEvents([
            .. Read("notify-prohibition", "pec.send", scia.PecAccepted, new { actMessageId = "PEC-20260302-001044", actDocument = Scia.PecAct }),
            .. Waits("await-act-receipt", "delivery-receipt", EndOfSummerDay(2026, 4, 27))]);
        // The receipt is recorded and the prohibition is preserved with the application, under its own outgoing
        // registration, with the receipt under its own message id and date.
        scia.At(Summer(2026, 4, 15, 10, 2)).Received("delivery-receipt", ProhibitionReceipt).LastEvents.ShouldBeEvents([
            .. Arrives("await-act-receipt", "delivery-receipt", ProhibitionReceipt, new { actReceipt = ProhibitionReceipt }),
            new StepEntered("act-delivered", "decision", "main", 1),
            new DecisionTaken("act-delivered", "main", "otherwise", "archive-rejected"),
            .. scia.Archives("archive-rejected", Summer(2026, 4, 15, 10, 2),
                acts: [new JsonObject { ["protocolNumber"] = "0000210", ["protocolDate"] = "2026-04-15", ["documentType"] = "Divieto di prosecuzione (art. 19 c.3)" }],
                attachments: [Scia.ReceiptKept(ProhibitionReceipt)])]);
        scia.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0001433");

        scia.ShouldBeClosed("rejected");
        scia.StepsEntered.SkipWhile(s => s != "control-review").ShouldBe([
            "control-review", "prohibit", "notify-prohibition", "await-act-receipt", "act-delivered", "archive-rejected", "rejected"]);
    }

    [Fact]
    public void a_prohibition_the_pec_cannot_deliver_goes_by_other_means_and_the_case_is_archived_without_waiting_forever()
    {
        var scia = AtControl().At(Summer(2026, 4, 15, 10, 0)).ControlReview("prohibit", new { notes = "locale non sorvegliabile" })
            .ActRegistered("prohibit", "0000210").PecAccepts("notify-prohibition");

        scia.At(Summer(2026, 4, 15, 10, 5)).Received("delivery-receipt", NotDelivered).LastEvents.ShouldBeEvents([
            .. Arrives("await-act-receipt", "delivery-receipt", NotDelivered, new { actReceipt = NotDelivered }),
            new StepEntered("act-delivered", "decision", "main", 1),
            new DecisionTaken("act-delivered", "main", "vars.actReceipt.delivered === false", "act-other-means"),
            .. Assigns("act-other-means", "clerk", "SUAP", ["sent"], EndOfSummerDay(2026, 4, 17))]);

        // Sent by raccomandata on Thursday 16 April: ten more days for its return receipt, 16 + 10 = Sunday 26 April
        // -> Monday 27 April; none filed: archived without it (the means are on record).
        scia.At(Summer(2026, 4, 16, 9, 0)).Completed("act-other-means", "sent", new { means = "raccomandata A/R n. 15012345679-0" }, IstruttoreSuap);
        scia.WaitTimesOut("await-act-receipt");
        scia.Now.ShouldBe(EndOfSummerDay(2026, 4, 27));
        scia.State.Variables["actOtherMeans"]!.GetValue<string>().ShouldBe("raccomandata A/R n. 15012345679-0");
        scia.ArchivedAs("archive-rejected", "DIGIP-H769-2026-0001434");
        scia.ShouldBeClosed("rejected");
    }

    /// <summary>The provider's ricevuta di avvenuta consegna of the prohibition, with its file.</summary>
    private static readonly object ProhibitionReceipt = new
    {
        delivered = true,
        receivedAt = "2026-04-15T10:00:40+02:00",
        messageId = "opec21.20260415100040.0210@pec.aruba.it",
        document = Document("daticert.xml", "9f2c6a1e0b7d4c3f8a5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a", 2_114, "application/xml"),
    };

    /// <summary>The provider's ricevuta di mancata consegna: no date runs from it.</summary>
    private static readonly object NotDelivered = new { delivered = false, error = "5.1.1 casella inesistente" };

    // ── Conformazione: the order interrupts the 60 days (art. 19 c.3) ──────────────────

    private static readonly object Order = new
    {
        notes = "Manca il lavello a comando non manuale nel locale di preparazione",
        measures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
    };

    private static readonly DateTimeOffset Ordered = Summer(2026, 4, 1, 10, 0);

    /// <summary>The provider's ricevuta di avvenuta consegna of the order, delivered on Friday 3 April at 8:15.</summary>
    private static readonly object OrderReceipt = new
    {
        delivered = true,
        receivedAt = "2026-04-03T08:15:00+02:00",
        messageId = "opec21.20260403081500.0150@pec.aruba.it",
        document = Document("daticert.xml", "1b2c6a1e0b7d4c3f8a5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a", 2_098, "application/xml"),
    };

    private static JsonObject OrderReceiptKept => Scia.ReceiptKept(OrderReceipt);

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
            // An act with legal effect: by PEC to the domicilio digitale, with its registration (CAD art. 3-bis and 6).
            .. OnEntry(new DeadlineInterrupted("control", 2, "L. 241/1990 art. 19 c.3"),
                scia.SendsByPec("order-compliance", "scia-order-compliance", "SCIA prot. 0000044: misure di conformazione (prot. 0000150) entro 30 giorni dal ricevimento", Ordered,
                    new
                    {
                        measures = "Installare un lavello con comando a pedale o a fotocellula nel locale di preparazione (Reg. CE 852/2004)",
                        protocolNumber = "0000150", protocolDate = "2026-04-01", documentType = "Atto motivato di conformazione (L. 241/1990 art. 19 c.3)",
                    }))]);
        scia.State.Clocks["control"].DueAt.ShouldBeNull();

        // The provider accepts it; its receipt is waited for up to 30 days: 1 April + 30 = Friday 1 May, a holiday -> Saturday 2 May.
        scia.PecAccepts("order-compliance").LastEvents.ShouldBeEvents([
            .. Read("order-compliance", "pec.send", scia.PecAccepted, new { complianceMessageId = "PEC-20260302-001044", complianceDocument = Scia.PecAct }),
            .. Waits("await-compliance-receipt", "delivery-receipt", EndOfSummerDay(2026, 5, 2))]);

        // Delivered on Friday 3 April at 8:15: the 30 days for the measures run from the receipt (art. 19 c.3; the order
        // takes effect when communicated, art. 21-bis): 3 April + 30 = Sunday 3 May -> Monday 4 May. From the sending they
        // would have ended on Saturday 2 May.
        scia.At(Summer(2026, 4, 3, 9, 0)).Received("delivery-receipt", OrderReceipt).LastEvents.ShouldBeEvents([
            .. Arrives("await-compliance-receipt", "delivery-receipt", OrderReceipt, new { complianceReceivedAt = "2026-04-03T08:15:00+02:00", complianceReceipt = OrderReceipt }),
            new StepEntered("compliance-delivered", "decision", "main", 1),
            new DecisionTaken("compliance-delivered", "main", "otherwise", "await-compliance"),
            .. Waits("await-compliance", "documents-received", EndOfSummerDay(2026, 5, 4))]);

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
            acts: [Scia.Act("0000150", "2026-04-01", "Atto motivato di conformazione (L. 241/1990 art. 19 c.3)")], attachments: [OrderReceiptKept]));
        scia.ArchivedAs("archive", "DIGIP-H769-2026-0001702");

        scia.ShouldBeClosed("archived");
        scia.State.Variables["controlNotes"]!.GetValue<string>().ShouldBe("Lavello installato, verificato in sopralluogo");
    }

    [Fact]
    public void measures_not_communicated_in_thirty_days_mean_the_activity_is_prohibited()
    {
        var scia = AtControl().At(Ordered).ControlReview("order-compliance", Order).ActRegistered("register-order-compliance", "0000150")
            .PecAccepts("order-compliance").At(Summer(2026, 4, 3, 9, 0)).Received("delivery-receipt", OrderReceipt);

        // The interrupted term is stopped: nothing runs any more.
        scia.WaitTimesOut("await-compliance").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-compliance", "main", "documents-received"),
            .. OnEntry(new DeadlineStopped("control", 3), scia.Notifies("deemed-prohibited", "scia-deemed-prohibited",
                "SCIA prot. 0000044: misure non comunicate, attività vietata", EndOfSummerDay(2026, 5, 4)))]);
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
        scia.ActRegistered("annul", "0000388").LastEvents.ShouldBeEvents([
            .. scia.ActRead("annul", "0000388", "2026-07-15", dated: true),
            .. scia.SendsByPec("notify-annulment", "scia-annulment", "SCIA prot. 0000044: annullamento d’ufficio, atto prot. 0000388", decidedAt,
                new { notes = form.notes, protocolNumber = "0000388", protocolDate = "2026-07-15", documentType = "Annullamento d’ufficio (L. 241/1990 art. 21-nonies)" })]);
        // The PEC's receipt is recorded as the prohibition's; the annulment is preserved with the SCIA, and its receipt.
        var receipt = new { delivered = true, receivedAt = "2026-07-15T10:01:10+02:00", messageId = "opec21.20260715.0388@pec.aruba.it", document = Document("daticert.xml", "2c2c6a1e0b7d4c3f8a5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a", 2_101, "application/xml") };
        scia.PecAccepts("notify-annulment").At(Summer(2026, 7, 15, 10, 2)).Received("delivery-receipt", receipt).LastEvents.ShouldBeEvents([
            .. Arrives("await-act-receipt", "delivery-receipt", receipt, new { actReceipt = receipt }),
            new StepEntered("act-delivered", "decision", "main", 1),
            new DecisionTaken("act-delivered", "main", "otherwise", "archive-rejected"),
            .. scia.Archives("archive-rejected", Summer(2026, 7, 15, 10, 2),
                acts: [new JsonObject { ["protocolNumber"] = "0000388", ["protocolDate"] = "2026-07-15", ["documentType"] = "Annullamento d’ufficio (art. 21-nonies)" }],
                attachments: [Scia.ReceiptKept(receipt)])]);
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
