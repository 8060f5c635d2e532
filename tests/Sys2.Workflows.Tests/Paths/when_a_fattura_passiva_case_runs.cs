using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/fatture/fattura-passiva.yaml, every path with the decider alone.
// L. 244/2007 art. 1 c.209-214; DM 55/2013; DM 132/2020; D.Lgs. 231/2002 art. 4; TUEL art. 184-185.
//
// SdI delivers the invoice on Monday 2 March 2026 at 9:00 and the case opens at once:
// - outcome: 15 days, 2 March + 15 = Tuesday 17 March, 23:59:59 CET;
// - payment: 30 days, 2 March + 30 = Wednesday 1 April, 23:59:59 CEST.
// Neither ends on a Sunday or holiday, so the open question in the file (whether SdI's 15 days
// move past holidays) does not change these dates.
public class when_a_fattura_passiva_case_runs
{
    private const string CaseId = "FATT-H769-2026-0000123";
    private const string IdentificativoSdI = "10473629581";

    private static readonly WorkflowDefinition Definition = TestDefinitions.Shipped("fatture/fattura-passiva.yaml");

    private static readonly DateTimeOffset Delivered = Winter(2026, 3, 2, 9, 0);
    private static readonly DateTimeOffset OutcomeDue = EndOfWinterDay(2026, 3, 17);
    private static readonly DateTimeOffset PaymentDue = EndOfSummerDay(2026, 4, 1);

    private static readonly object Invoice = Document("IT02123450443_00A7K.xml.p7m",
        "7d0882368a241e53183814bd014465579ff8ebf71020c40d6133a1292eb5cee5", 18_422);

    /// <summary>FatturaPA FPR 27/26: 10.000,00 + IVA 22% in split payment = 12.200,00 euro.</summary>
    private static readonly object Inputs = new
    {
        supplier = EdilMarche, invoiceNumber = "FPR 27/26", invoiceDate = "2026-02-26", amount = 1_220_000,
        codiceDestinatario = "UFQ2HK", identificativoSdI = IdentificativoSdI, invoice = Invoice, receivedAt = "2026-03-02",
        cig = "B1F2A3C4D5", splitPayment = true,
    };

    private static readonly object Protocol = new { number = "0000188", date = "2026-03-02", aoo = "H769-AOO1" };
    private static readonly object Sent = new { messageId = "PEC-20260302-004188", status = "consegnato" };
    private static readonly object Ne = new { type = "NE", esito = "EC01", identificativoSdI = IdentificativoSdI };
    private static readonly object Liquidated = new
    {
        act = "Determina di liquidazione n. 311 del 16/03/2026",
        notes = "DURC regolare fino al 12/06/2026; AdER art. 48-bis: non inadempiente; CIG B1F2A3C4D5 verificato",
    };
    private static readonly object Order = new { order = "1045", date = "2026-03-19" };

    private static readonly object Archive = new
    {
        protocolNumber = "0000188", documentType = "FATTURA-PASSIVA", document = Invoice, identificativoSdI = IdentificativoSdI,
    };

    private static IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore, int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, attempt: attempt);

    private static IntegrationRequested ToSupplier(string step, string template, string subject, DateTimeOffset at, string? reason = null) =>
        Requested(step, "notify.supplier", reason is null
            ? new { to = EdilMarche, template, subject }
            : new { to = EdilMarche, template, subject, reason }, at);

    private static CaseScenario Received()
    {
        var scenario = new CaseScenario(Definition, Delivered);
        scenario.Submit(CaseId, Inputs, Actor.System);
        return scenario;
    }

    /// <summary>Registered, supplier told, assigned on Tuesday 3 March: verification due 3 + 10 = Friday 13 March.</summary>
    private static CaseScenario AtVerify()
    {
        var scenario = Received();
        scenario.Answer("protocol", Protocol);
        scenario.Answer("notify-receipt", Sent);
        scenario.At(Winter(2026, 3, 3, 9, 0)).Complete("assign", "assigned", new { office = "Settore Lavori Pubblici" }, Ragioneria);
        scenario.OpenTasks().ShouldBe(["verify"]);
        return scenario;
    }

    private static string[] SupplierTemplates(CaseScenario scenario) =>
        scenario.History.OfType<IntegrationRequested>().Where(r => r.Activity == "notify.supplier" && r.Attempt == 1)
            .Select(r => r.Input["template"]!.GetValue<string>()).ToArray();

    private static void ShouldBeClosed(CaseScenario scenario, string outcome)
    {
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe(outcome);
        scenario.State.Tokens.ShouldBeEmpty();
    }

    // ── Receipt ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public void the_invoice_starts_both_terms_is_registered_and_the_supplier_is_told()
    {
        var scenario = new CaseScenario(Definition, Delivered);

        scenario.Submit(CaseId, Inputs, Actor.System).ShouldBeEvents(
            new CaseOpened(CaseId, "H769", "fatture.fattura-passiva", 1, Definition.ContentHash, "einvoice", Obj(Inputs), "sys2", Delivered),
            new StepEntered("protocol", "call", "main", 1),
            new DeadlineStarted("outcome", "15d", OutcomeDue, 1, "DM 55/2013 all. B (specifiche tecniche SdI, notifica di decorrenza termini)"),
            new DeadlineStarted("payment", "30d", PaymentDue, 1, "D.Lgs. 231/2002 art. 4 c.2 lett. a, c.4"),
            Requested("protocol", "protocol.register", new
            {
                direction = "incoming", sender = EdilMarche, subject = "Fattura n. FPR 27/26 del 2026-02-26 – Edil Marche S.r.l.",
                document = Invoice, externalId = IdentificativoSdI,
            }, Delivered));

        scenario.Answer("protocol", Protocol).ShouldBeEvents(
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, Obj(Protocol)),
            new VariablesSet("protocol", Obj(new { protocolNumber = "0000188", protocolDate = "2026-03-02" })),
            new StepEntered("notify-receipt", "call", "main", 1),
            ToSupplier("notify-receipt", "invoice-received", "Fattura n. FPR 27/26: ricevuta, protocollo 0000188", Delivered));

        // Assignment due 2 March + 2 = Wednesday 4 March.
        scenario.Answer("notify-receipt", Sent).ShouldBeEvents(
            new IntegrationSucceeded("notify-receipt", "main", "notify.supplier", 1, Obj(Sent)),
            new StepEntered("assign", "task", "main", 1),
            new TaskAssigned("assign", "main", "clerk", "Ragioneria", ["assigned"], EndOfWinterDay(2026, 3, 4)));

        var assignedAt = Winter(2026, 3, 3, 9, 0);
        scenario.At(assignedAt).Complete("assign", "assigned", new { office = "Settore Lavori Pubblici" }, Ragioneria).ShouldBeEvents(
            new TaskCompleted("assign", "main", "assigned", "sara.moretti", "clerk", "Ragioneria", Obj(new { office = "Settore Lavori Pubblici" })),
            new VariablesSet("assign", Obj(new { competentOffice = "Settore Lavori Pubblici" })),
            new StepEntered("verify", "task", "main", 1),
            new TaskAssigned("verify", "main", "clerk", "Ragioneria", ["accept", "reject"], EndOfWinterDay(2026, 3, 13)));
    }

    [Fact]
    public void a_receipt_notice_that_cannot_be_sent_does_not_stop_the_invoice()
    {
        var scenario = Received();
        scenario.Answer("protocol", Protocol);

        scenario.Fail("notify-receipt", "PEC: 552 quota superata", transient: false).ShouldBeEvents(
            new IntegrationFailed("notify-receipt", "main", "notify.supplier", 1, "PEC: 552 quota superata", false),
            new StepEntered("assign", "task", "main", 1),
            new TaskAssigned("assign", "main", "clerk", "Ragioneria", ["assigned"], EndOfWinterDay(2026, 3, 4)));
    }

    [Fact]
    public void a_protocol_that_does_not_answer_raises_an_incident_while_the_terms_run()
    {
        var scenario = Received();

        scenario.Fail("protocol", "Protocollo: 503", transient: true);
        scenario.At(Delivered.AddSeconds(10)).Fail("protocol", "Protocollo: 503", transient: true);
        scenario.At(Delivered.AddSeconds(30)).Fail("protocol", "Protocollo: 503", transient: true).ShouldBeEvents(
            new IntegrationFailed("protocol", "main", "protocol.register", 3, "Protocollo: 503", false),
            new IncidentRaised("protocol", "main", "protocol.register", 3, "gave up after 3 attempts: Protocollo: 503"));
        scenario.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Running);
        scenario.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Running);

        var retried = Winter(2026, 3, 2, 14, 0);
        scenario.At(retried).When(new RetryIncident("protocol", Ragioneria)).OfType<IntegrationRequested>().Single()
            .ShouldSatisfyAllConditions(r => r.Attempt.ShouldBe(4), r => r.NotBefore.ShouldBe(retried));
        scenario.Answer("protocol", Protocol).OfType<IntegrationRequested>().ShouldBeEvents(
            ToSupplier("notify-receipt", "invoice-received", "Fattura n. FPR 27/26: ricevuta, protocollo 0000188", retried));
    }

    // ── Accepted (EC01), liquidated and paid ───────────────────────────────────────────

    [Fact]
    public void an_accepted_invoice_is_liquidated_and_paid_and_the_supplier_is_told_at_each_step()
    {
        var scenario = AtVerify();
        var acceptedAt = Winter(2026, 3, 9, 11, 0);
        var form = new { notes = "Conforme all'ordine n. 112/2026 e al SAL n. 1" };

        scenario.At(acceptedAt).Complete("verify", "accept", form, Ragioneria).ShouldBeEvents(
            new TaskCompleted("verify", "main", "accept", "sara.moretti", "clerk", "Ragioneria", Obj(form)),
            new VariablesSet("verify", Obj(new { verifyNotes = form.notes, rejectionReason = (string?)null })),
            new StepEntered("send-acceptance", "call", "main", 1),
            Requested("send-acceptance", "sdi.send-outcome", new { identificativoSdI = IdentificativoSdI, esito = "EC01" }, acceptedAt));

        // The outcome left in time: the 15-day clock stops. SdI has 5 days to answer: 9 + 5 = Saturday 14 March.
        var ec = new { messageId = "IT01234567890_EC_001", sentAt = "2026-03-09T11:00:04+01:00" };
        scenario.Answer("send-acceptance", ec).ShouldBeEvents(
            new IntegrationSucceeded("send-acceptance", "main", "sdi.send-outcome", 1, Obj(ec)),
            new VariablesSet("send-acceptance", Obj(new { esito = "EC01" })),
            new StepEntered("await-sdi-answer", "wait", "main", 1),
            new DeadlineStopped("outcome", 2),
            new WaitStarted("await-sdi-answer", "main", "sdi-notification", EndOfWinterDay(2026, 3, 14), 1));

        var neAt = Winter(2026, 3, 10, 8, 0);
        scenario.At(neAt).Receive("sdi-notification", Ne).ShouldBeEvents(
            new ExternalEventReceived("await-sdi-answer", "main", "sdi-notification", Obj(Ne)),
            new VariablesSet("await-sdi-answer", Obj(new { sdiMessage = "NE" })),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.esito == 'EC01'", "notify-acceptance"),
            new StepEntered("notify-acceptance", "call", "main", 1),
            ToSupplier("notify-acceptance", "invoice-accepted", "Fattura n. FPR 27/26: accettata (EC01)", neAt));

        // Liquidation due 10 + 10 = Friday 20 March.
        scenario.Answer("notify-acceptance", Sent).ShouldBeEvents(
            new IntegrationSucceeded("notify-acceptance", "main", "notify.supplier", 1, Obj(Sent)),
            new StepEntered("liquidation", "task", "main", 1),
            new TaskAssigned("liquidation", "main", "clerk", "Ragioneria", ["liquidated", "not-payable"], EndOfWinterDay(2026, 3, 20)));

        var liquidatedAt = Winter(2026, 3, 16, 10, 0);
        scenario.At(liquidatedAt).Complete("liquidation", "liquidated", Liquidated, Ragioneria).ShouldBeEvents(
            new TaskCompleted("liquidation", "main", "liquidated", "sara.moretti", "clerk", "Ragioneria", Obj(Liquidated)),
            new VariablesSet("liquidation", Obj(new
            {
                liquidationAct = "Determina di liquidazione n. 311 del 16/03/2026",
                verifyNotes = "DURC regolare fino al 12/06/2026; AdER art. 48-bis: non inadempiente; CIG B1F2A3C4D5 verificato",
            })),
            new StepEntered("notify-liquidation", "call", "main", 1),
            ToSupplier("notify-liquidation", "invoice-liquidated",
                "Fattura n. FPR 27/26: liquidata, atto Determina di liquidazione n. 311 del 16/03/2026", liquidatedAt));

        // The mandato is due 16 + 5 = Saturday 21 March.
        scenario.Answer("notify-liquidation", Sent).ShouldBeEvents(
            new IntegrationSucceeded("notify-liquidation", "main", "notify.supplier", 1, Obj(Sent)),
            new StepEntered("payment-order", "task", "main", 1),
            new TaskAssigned("payment-order", "main", "clerk", "Ragioneria", ["ordered"], EndOfWinterDay(2026, 3, 21)));

        var orderedAt = Winter(2026, 3, 19, 12, 0);
        scenario.At(orderedAt).Complete("payment-order", "ordered", Order, Ragioneria).ShouldBeEvents(
            new TaskCompleted("payment-order", "main", "ordered", "sara.moretti", "clerk", "Ragioneria", Obj(Order)),
            new VariablesSet("payment-order", Obj(new { paymentOrder = "1045", paymentDate = "2026-03-19" })),
            new StepEntered("notify-payment", "call", "main", 1),
            new DeadlineStopped("payment", 2),
            ToSupplier("notify-payment", "invoice-paid", "Fattura n. FPR 27/26: pagamento disposto, mandato 1045 del 2026-03-19", orderedAt));

        scenario.Answer("notify-payment", Sent).ShouldBeEvents(
            new IntegrationSucceeded("notify-payment", "main", "notify.supplier", 1, Obj(Sent)),
            new StepEntered("archive-paid", "call", "main", 1),
            Requested("archive-paid", "digip.archive", Archive, orderedAt));
        scenario.Answer("archive-paid", new { id = "DIGIP-H769-2026-0003188" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-paid", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0003188" })),
            new VariablesSet("archive-paid", Obj(new { preservationId = "DIGIP-H769-2026-0003188" })),
            new StepEntered("paid", "end", "main", 1),
            new CaseClosed("paid", "paid", null));

        ShouldBeClosed(scenario, "paid");
        scenario.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Stopped);
        scenario.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Stopped);
        SupplierTemplates(scenario).ShouldBe(["invoice-received", "invoice-accepted", "invoice-liquidated", "invoice-paid"]);
        scenario.History.OfType<DeadlineExpired>().ShouldBeEmpty();
    }

    [Fact]
    public void with_no_answer_from_sdi_in_five_days_the_case_goes_on_with_the_outcome_sent()
    {
        var scenario = AtVerify();
        scenario.At(Winter(2026, 3, 9, 11, 0)).Complete("verify", "accept", new { notes = "Conforme" }, Ragioneria);
        scenario.Answer("send-acceptance", new { messageId = "IT01234567890_EC_001" });

        scenario.WaitTimesOut("await-sdi-answer").ShouldBeEvents(
            new WaitTimedOut("await-sdi-answer", "main", "sdi-notification"),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.esito == 'EC01'", "notify-acceptance"),
            new StepEntered("notify-acceptance", "call", "main", 1),
            ToSupplier("notify-acceptance", "invoice-accepted", "Fattura n. FPR 27/26: accettata (EC01)", EndOfWinterDay(2026, 3, 14)));
    }

    [Fact]
    public void an_outcome_that_cannot_be_sent_is_an_incident_the_operator_retries_before_the_fifteen_days()
    {
        var scenario = AtVerify();
        var acceptedAt = Winter(2026, 3, 9, 11, 0);
        scenario.At(acceptedAt).Complete("verify", "accept", new { notes = "Conforme" }, Ragioneria);

        scenario.Fail("send-acceptance", "SdI: 00200 file non integro", transient: false).ShouldBeEvents(
            new IntegrationFailed("send-acceptance", "main", "sdi.send-outcome", 1, "SdI: 00200 file non integro", false),
            new IncidentRaised("send-acceptance", "main", "sdi.send-outcome", 1, "permanent failure: SdI: 00200 file non integro"));
        scenario.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Running);

        var retried = Winter(2026, 3, 10, 9, 0);
        scenario.At(retried).When(new RetryIncident("send-acceptance", Ragioneria)).ShouldBeEvents(
            new IncidentResolved("send-acceptance", "main", "retried", "sara.moretti"),
            Requested("send-acceptance", "sdi.send-outcome", new { identificativoSdI = IdentificativoSdI, esito = "EC01" }, retried, attempt: 2));
        scenario.Answer("send-acceptance", new { messageId = "IT01234567890_EC_002" }).OfType<DeadlineStopped>()
            .ShouldBeEvents(new DeadlineStopped("outcome", 2));
    }

    // ── Rejected (EC02) ─────────────────────────────────────────────────────────────────

    [Fact]
    public void a_rejected_invoice_is_refused_through_sdi_the_supplier_is_told_and_it_is_archived()
    {
        var scenario = AtVerify();
        var rejectedAt = Winter(2026, 3, 11, 15, 0);
        var form = new
        {
            notes = "Manca il CUP dell'opera finanziata",
            reason = "Omessa indicazione del CUP obbligatorio (DM 132/2020 art. 2 c.1 lett. b)",
        };

        scenario.At(rejectedAt).Complete("verify", "reject", form, Ragioneria).ShouldBeEvents(
            new TaskCompleted("verify", "main", "reject", "sara.moretti", "clerk", "Ragioneria", Obj(form)),
            new VariablesSet("verify", Obj(new { verifyNotes = form.notes, rejectionReason = form.reason })),
            new StepEntered("send-rejection", "call", "main", 1),
            Requested("send-rejection", "sdi.send-outcome", new
            {
                identificativoSdI = IdentificativoSdI, esito = "EC02", descrizione = form.reason,
            }, rejectedAt));
        scenario.Answer("send-rejection", new { messageId = "IT01234567890_EC_003" }).ShouldBeEvents(
            new IntegrationSucceeded("send-rejection", "main", "sdi.send-outcome", 1, Obj(new { messageId = "IT01234567890_EC_003" })),
            new VariablesSet("send-rejection", Obj(new { esito = "EC02" })),
            new StepEntered("await-sdi-answer", "wait", "main", 1),
            new DeadlineStopped("outcome", 2),
            new WaitStarted("await-sdi-answer", "main", "sdi-notification", EndOfWinterDay(2026, 3, 16), 1));

        var ne = new { type = "NE", esito = "EC02", identificativoSdI = IdentificativoSdI };
        var neAt = Winter(2026, 3, 12, 8, 0);
        scenario.At(neAt).Receive("sdi-notification", ne).ShouldBeEvents(
            new ExternalEventReceived("await-sdi-answer", "main", "sdi-notification", Obj(ne)),
            new VariablesSet("await-sdi-answer", Obj(new { sdiMessage = "NE" })),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "otherwise", "notify-rejection"),
            new StepEntered("notify-rejection", "call", "main", 1),
            ToSupplier("notify-rejection", "invoice-rejected", "Fattura n. FPR 27/26: rifiutata", neAt, reason: form.reason));
        scenario.Answer("notify-rejection", Sent).ShouldBeEvents(
            new IntegrationSucceeded("notify-rejection", "main", "notify.supplier", 1, Obj(Sent)),
            new StepEntered("archive-rejected", "call", "main", 1),
            Requested("archive-rejected", "digip.archive", Archive, neAt));
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0003190" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-rejected", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0003190" })),
            new VariablesSet("archive-rejected", Obj(new { preservationId = "DIGIP-H769-2026-0003190" })),
            new StepEntered("archived", "end", "main", 1),
            new CaseClosed("archived", "archived", null));

        ShouldBeClosed(scenario, "archived");
        scenario.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Stopped); // closing stops the payment term
        SupplierTemplates(scenario).ShouldBe(["invoice-received", "invoice-rejected"]);
    }

    // ── SdI discards the outcome (SE) ───────────────────────────────────────────────────

    [Fact]
    public void an_outcome_discarded_by_sdi_goes_to_a_clerk_who_may_still_liquidate()
    {
        var scenario = AtVerify();
        scenario.At(Winter(2026, 3, 9, 11, 0)).Complete("verify", "accept", new { notes = "Conforme" }, Ragioneria);
        scenario.Answer("send-acceptance", new { messageId = "IT01234567890_EC_001" });

        // Discarded: a clerk decides, due 10 + 3 = Friday 13 March.
        var se = new { type = "SE", codice = "EN01", descrizione = "Notifica non ammessa: termini decorsi", identificativoSdI = IdentificativoSdI };
        scenario.At(Winter(2026, 3, 10, 8, 0)).Receive("sdi-notification", se).ShouldBeEvents(
            new ExternalEventReceived("await-sdi-answer", "main", "sdi-notification", Obj(se)),
            new VariablesSet("await-sdi-answer", Obj(new { sdiMessage = "SE" })),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.sdiMessage == 'SE'", "outcome-discarded"),
            new StepEntered("outcome-discarded", "task", "main", 1),
            new TaskAssigned("outcome-discarded", "main", "clerk", "Ragioneria", ["liquidate", "not-payable"], EndOfWinterDay(2026, 3, 13)));

        var form = new { notes = "Scarto EN01: l'EC01 era comunque nostro; la fattura è dovuta, si liquida" };
        scenario.At(Winter(2026, 3, 11, 9, 0)).Complete("outcome-discarded", "liquidate", form, Ragioneria).ShouldBeEvents(
            new TaskCompleted("outcome-discarded", "main", "liquidate", "sara.moretti", "clerk", "Ragioneria", Obj(form)),
            new VariablesSet("outcome-discarded", Obj(new { verifyNotes = form.notes })),
            new StepEntered("liquidation", "task", "main", 1),
            new TaskAssigned("liquidation", "main", "clerk", "Ragioneria", ["liquidated", "not-payable"], EndOfWinterDay(2026, 3, 21)));
        scenario.Complete("liquidation", "liquidated", Liquidated, Ragioneria);
        scenario.Answer("notify-liquidation", Sent);
        scenario.Complete("payment-order", "ordered", Order, Ragioneria);
        scenario.Answer("notify-payment", Sent);
        scenario.Answer("archive-paid", new { id = "DIGIP-H769-2026-0003191" });

        ShouldBeClosed(scenario, "paid");
        SupplierTemplates(scenario).ShouldBe(["invoice-received", "invoice-liquidated", "invoice-paid"]);
    }

    [Fact]
    public void an_outcome_discarded_by_sdi_and_found_not_payable_is_archived()
    {
        var scenario = AtVerify();
        scenario.At(Winter(2026, 3, 9, 11, 0)).Complete("verify", "reject",
            new { notes = "Prestazione non ordinata", reason = "Fattura riferita a operazione non destinata all'ente (DM 132/2020 art. 2 c.1 lett. a)" }, Ragioneria);
        scenario.Answer("send-rejection", new { messageId = "IT01234567890_EC_004" });
        scenario.Receive("sdi-notification", new { type = "SE", codice = "EN00", descrizione = "Notifica non conforme al formato" });

        var decidedAt = Winter(2026, 3, 12, 10, 0);
        scenario.At(decidedAt).Complete("outcome-discarded", "not-payable", new { notes = "Nota di credito chiesta fuori SdI" }, Ragioneria)
            .OfType<IntegrationRequested>().ShouldBeEvents(ToSupplier("notify-rejection", "invoice-rejected", "Fattura n. FPR 27/26: rifiutata", decidedAt,
                reason: "Fattura riferita a operazione non destinata all'ente (DM 132/2020 art. 2 c.1 lett. a)"));
        scenario.Answer("notify-rejection", Sent);
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0003192" });

        ShouldBeClosed(scenario, "archived");
    }

    // ── Decorrenza termini: no outcome in 15 days ───────────────────────────────────────

    [Fact]
    public void no_outcome_in_fifteen_days_is_decorrenza_termini_and_the_invoice_goes_to_liquidation()
    {
        var scenario = AtVerify();

        // Liquidation due 17 March + 10 = Friday 27 March.
        scenario.ClockExpires("outcome").ShouldBeEvents(
            new DeadlineExpired("outcome", "decorrenza-termini", 2),
            new StepAbandoned("verify", "main", "clock 'outcome' expired"),
            new StepEntered("liquidation", "task", "main", 1),
            new TaskAssigned("liquidation", "main", "clerk", "Ragioneria", ["liquidated", "not-payable"], EndOfWinterDay(2026, 3, 27)));
        scenario.Now.ShouldBe(OutcomeDue);
        scenario.Refused(new CompleteTask("verify", "reject", Obj(new { notes = "tardivo" }), Ragioneria)).Code.ShouldBe("no-open-task");

        var liquidatedAt = Winter(2026, 3, 23, 9, 0);
        var form = new { act = "Determina di liquidazione n. 340 del 23/03/2026" };
        scenario.At(liquidatedAt).Complete("liquidation", "liquidated", form, Ragioneria).ShouldBeEvents(
            new TaskCompleted("liquidation", "main", "liquidated", "sara.moretti", "clerk", "Ragioneria", Obj(form)),
            new VariablesSet("liquidation", Obj(new { liquidationAct = form.act, verifyNotes = (string?)null })),
            new StepEntered("notify-liquidation", "call", "main", 1),
            ToSupplier("notify-liquidation", "invoice-liquidated", "Fattura n. FPR 27/26: liquidata, atto Determina di liquidazione n. 340 del 23/03/2026", liquidatedAt));
        scenario.Answer("notify-liquidation", Sent);
        scenario.At(Winter(2026, 3, 26, 10, 0)).Complete("payment-order", "ordered", new { order = "1101", date = "2026-03-26" }, Ragioneria)
            .OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("payment", 2));
        scenario.Answer("notify-payment", Sent);
        scenario.Answer("archive-paid", new { id = "DIGIP-H769-2026-0003201" });

        ShouldBeClosed(scenario, "paid");
        scenario.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Expired);
        SupplierTemplates(scenario).ShouldBe(["invoice-received", "invoice-liquidated", "invoice-paid"]);
        scenario.History.OfType<IntegrationRequested>().ShouldNotContain(r => r.Activity == "sdi.send-outcome");
        EventText.Types(scenario.History.SkipWhile(e => e is not DeadlineExpired)).ShouldBe([
            "DeadlineExpired", "StepAbandoned", "StepEntered", "TaskAssigned",
            "TaskCompleted", "VariablesSet", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "TaskAssigned",
            "TaskCompleted", "VariablesSet", "StepEntered", "DeadlineStopped", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "CaseClosed"]);
    }

    [Fact]
    public void an_outcome_stuck_in_an_incident_when_the_fifteen_days_end_is_abandoned_for_decorrenza_termini()
    {
        var scenario = AtVerify();
        scenario.At(Winter(2026, 3, 16, 17, 0)).Complete("verify", "accept", new { notes = "Conforme" }, Ragioneria);
        scenario.Fail("send-acceptance", "SdI: 00102 file non valido", transient: false);

        scenario.ClockExpires("outcome").ShouldBeEvents(
            new DeadlineExpired("outcome", "decorrenza-termini", 2),
            new StepAbandoned("send-acceptance", "main", "clock 'outcome' expired"),
            new StepEntered("liquidation", "task", "main", 1),
            new TaskAssigned("liquidation", "main", "clerk", "Ragioneria", ["liquidated", "not-payable"], EndOfWinterDay(2026, 3, 27)));
        scenario.Refused(new RetryIncident("send-acceptance", Ragioneria)).Code.ShouldBe("no-incident");
    }

    // ── Late payment and not payable ────────────────────────────────────────────────────

    [Fact]
    public void a_payment_order_after_thirty_days_records_the_expiry_and_moves_nothing()
    {
        var scenario = AtVerify();
        scenario.ClockExpires("outcome");
        scenario.At(Winter(2026, 3, 27, 10, 0)).Complete("liquidation", "liquidated", new { act = "Determina n. 352 del 27/03/2026" }, Ragioneria);
        scenario.Answer("notify-liquidation", Sent);
        scenario.OpenTasks().ShouldBe(["payment-order"]);

        // Interest for late payment runs by law from 2 April (D.Lgs. 231/2002 art. 5): recorded, nothing moves.
        scenario.ClockExpires("payment").ShouldBeEvents(new DeadlineExpired("payment", "none", 2));
        scenario.Now.ShouldBe(PaymentDue);
        scenario.OpenTasks().ShouldBe(["payment-order"]);

        var orderedAt = Summer(2026, 4, 2, 10, 0);
        scenario.At(orderedAt).Complete("payment-order", "ordered", new { order = "1187", date = "2026-04-02" }, Ragioneria).ShouldBeEvents(
            new TaskCompleted("payment-order", "main", "ordered", "sara.moretti", "clerk", "Ragioneria", Obj(new { order = "1187", date = "2026-04-02" })),
            new VariablesSet("payment-order", Obj(new { paymentOrder = "1187", paymentDate = "2026-04-02" })),
            new StepEntered("notify-payment", "call", "main", 1),
            ToSupplier("notify-payment", "invoice-paid", "Fattura n. FPR 27/26: pagamento disposto, mandato 1187 del 2026-04-02", orderedAt));
        scenario.Answer("notify-payment", Sent);
        scenario.Answer("archive-paid", new { id = "DIGIP-H769-2026-0003260" });

        ShouldBeClosed(scenario, "paid");
        scenario.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Expired);
    }

    [Fact]
    public void an_invoice_found_not_payable_at_liquidation_is_archived_and_the_supplier_is_told_why()
    {
        var scenario = AtVerify();
        scenario.At(Winter(2026, 3, 9, 11, 0)).Complete("verify", "accept", new { notes = "Conforme" }, Ragioneria);
        scenario.Answer("send-acceptance", new { messageId = "IT01234567890_EC_001" });
        scenario.Receive("sdi-notification", Ne);
        scenario.Answer("notify-acceptance", Sent);

        var decidedAt = Winter(2026, 3, 13, 12, 0);
        var form = new { act = "DURC irregolare (INPS): intervento sostitutivo art. 30 D.Lgs. 36/2023", notes = "DURC prot. INPS_40312233" };
        scenario.At(decidedAt).Complete("liquidation", "not-payable", form, Ragioneria).ShouldBeEvents(
            new TaskCompleted("liquidation", "main", "not-payable", "sara.moretti", "clerk", "Ragioneria", Obj(form)),
            new VariablesSet("liquidation", Obj(new { liquidationAct = form.act, verifyNotes = form.notes })),
            new StepEntered("notify-not-payable", "call", "main", 1),
            ToSupplier("notify-not-payable", "invoice-not-payable", "Fattura n. FPR 27/26: non pagabile", decidedAt, reason: form.act));

        // A courtesy notice that fails does not stop the archive.
        scenario.Fail("notify-not-payable", "PEC: 550", transient: false).ShouldBeEvents(
            new IntegrationFailed("notify-not-payable", "main", "notify.supplier", 1, "PEC: 550", false),
            new StepEntered("archive-rejected", "call", "main", 1),
            Requested("archive-rejected", "digip.archive", Archive, decidedAt));
        scenario.Answer("archive-rejected", new { id = "DIGIP-H769-2026-0003210" });

        ShouldBeClosed(scenario, "archived");
        SupplierTemplates(scenario).ShouldBe(["invoice-received", "invoice-accepted", "invoice-not-payable"]);
    }
}
