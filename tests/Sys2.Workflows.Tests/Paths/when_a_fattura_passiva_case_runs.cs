using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.FatturaPassiva;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/fatture/fattura-passiva.yaml, every path with the decider alone.
// L. 244/2007 art. 1 c.209-214; DM 55/2013; DM 132/2020; D.Lgs. 231/2002 art. 4; TUEL art. 184-185.
// The invoice, its two terms and what the systems answer: FatturaPassiva.cs.
public class when_a_fattura_passiva_case_runs
{
    private static readonly string[] LiquidationOutcomes = ["liquidated", "not-payable"];

    // ── Receipt ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public void sdi_counts_its_fifteen_days_plain_while_the_payment_term_moves_past_holidays()
    {
        // Delivered Thursday 10 December 2026. SdI sends the decorrenza termini after 15 plain
        // days, on Friday 25 December too (days: plain). The 30 days for paying end on Saturday
        // 9 January 2027, a working day for art. 2963 c.c. (applied by art. 1187 c.c.).
        var fattura = FromSdI(Winter(2026, 12, 10, 9, 0));

        fattura.LastEvents.OfType<DeadlineStarted>().ShouldBeEvents(
            new DeadlineStarted("outcome", "15d", EndOfWinterDay(2026, 12, 25), 1, "DM 55/2013 all. B (specifiche tecniche SdI, notifica di decorrenza termini)",
                From: FatturaPassiva.StartOfWinterDay(2026, 12, 10)),
            new DeadlineStarted("payment", "30d", EndOfWinterDay(2027, 1, 9), 1, "D.Lgs. 231/2002 art. 4 c.2 lett. a, c.4",
                From: FatturaPassiva.StartOfWinterDay(2026, 12, 10)));
    }

    [Fact]
    public void a_payment_term_ending_on_new_year_s_day_moves_to_the_next_day()
    {
        // Delivered Wednesday 2 December 2026: 30 days end on Friday 1 January 2027 (art. 1187 c.c.:
        // "computato secondo le disposizioni dell'articolo 2963"), so payment is due on Saturday 2.
        FromSdI(Winter(2026, 12, 2, 9, 0)).LastEvents.OfType<DeadlineStarted>().Last().ShouldBe(
            new DeadlineStarted("payment", "30d", EndOfWinterDay(2027, 1, 2), 1, "D.Lgs. 231/2002 art. 4 c.2 lett. a, c.4",
                ShiftedFrom: new DateOnly(2027, 1, 1), From: FatturaPassiva.StartOfWinterDay(2026, 12, 2)));
    }

    [Fact]
    public void the_invoice_starts_both_terms_is_registered_and_the_supplier_is_told()
    {
        var fattura = FromSdI();

        fattura.LastEvents.ShouldBeEvents(
            new CaseOpened(fattura.CaseId, "H769", "fatture.fattura-passiva", 1, fattura.Definition.ContentHash, "einvoice", Obj(Inputs), "sys2", Delivered),
            new StepEntered("protocol", "call", "main", 1),
            // Both terms run from SdI's delivery date in the RC (inputs.receivedAt), 2 March.
            new DeadlineStarted("outcome", "15d", OutcomeDue, 1, "DM 55/2013 all. B (specifiche tecniche SdI, notifica di decorrenza termini)",
                From: FatturaPassiva.StartOfWinterDay(2026, 3, 2)),
            new DeadlineStarted("payment", "30d", PaymentDue, 1, "D.Lgs. 231/2002 art. 4 c.2 lett. a, c.4", From: FatturaPassiva.StartOfWinterDay(2026, 3, 2)),
            fattura.Requested("protocol", "protocol.register", new
            {
                direction = "incoming", classification = "IV.4", sender = EdilMarche, subject = "Fattura n. FPR 27/26 del 2026-02-26 – Edil Marche S.r.l.",
                document = Invoice, externalId = IdentificativoSdI,
            }, Delivered));

        fattura.ThroughProtocol().LastEvents.ShouldBeEvents([
            .. Read("protocol", "protocol.register", Protocol, new { protocolNumber = "0000188", protocolDate = "2026-03-02" }),
            .. fattura.TellsSupplier("notify-receipt", "invoice-received", Fattura + ": ricevuta, protocollo 0000188", Delivered)]);

        // Assignment due 2 March + 2 = Wednesday 4 March.
        fattura.SupplierTold("notify-receipt").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-receipt"),
            .. Assigns("assign", "clerk", "Ragioneria", ["assigned"], EndOfWinterDay(2026, 3, 4))]);

        fattura.At(Assigned).AssignedTo("Settore Lavori Pubblici").LastEvents.ShouldBeEvents([
            .. Done("assign", "assigned", new { office = "Settore Lavori Pubblici" }, Ragioneria, new { competentOffice = "Settore Lavori Pubblici" }),
            .. fattura.TellsSupplier("notify-assignment", "invoice-assigned", Fattura + ": assegnata a Settore Lavori Pubblici", Assigned)]);

        // The supplier told of the assignment: the verification is due 3 + 10 = Friday 13 March.
        fattura.SupplierTold("notify-assignment").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-assignment"),
            .. Assigns("verify", "clerk", "Ragioneria", ["accept", "reject"], EndOfWinterDay(2026, 3, 13))]);
    }

    [Fact]
    public void a_receipt_notice_that_cannot_be_sent_does_not_stop_the_invoice()
    {
        var fattura = FromSdI().ThroughProtocol();

        fattura.Failed("notify-receipt", "PEC: 552 quota superata").LastEvents.ShouldBeEvents([
            new IntegrationFailed("notify-receipt", "main", "notify.supplier", 1, "PEC: 552 quota superata", false),
            .. Assigns("assign", "clerk", "Ragioneria", ["assigned"], EndOfWinterDay(2026, 3, 4))]);
    }

    [Fact]
    public void a_protocol_that_does_not_answer_raises_an_incident_while_the_terms_run()
    {
        var fattura = FromSdI();

        fattura.Failed("protocol", "Protocollo: 503", transient: true)
            .At(Delivered.AddSeconds(10)).Failed("protocol", "Protocollo: 503", transient: true)
            .At(Delivered.AddSeconds(30)).Failed("protocol", "Protocollo: 503", transient: true).LastEvents.ShouldBeEvents(
                new IntegrationFailed("protocol", "main", "protocol.register", 3, "Protocollo: 503", false),
                new IncidentRaised("protocol", "main", "protocol.register", 3, "gave up after 3 attempts: Protocollo: 503"));
        fattura.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Running);
        fattura.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Running);

        var retried = Winter(2026, 3, 2, 14, 0);
        fattura.At(retried).Retried("protocol", Ragioneria).LastEvents.OfType<IntegrationRequested>().Single()
            .ShouldSatisfyAllConditions(r => r.Attempt.ShouldBe(4), r => r.NotBefore.ShouldBe(retried));
        fattura.ThroughProtocol().LastEvents.OfType<IntegrationRequested>().ShouldBeEvents(
            fattura.ToSupplier("notify-receipt", "invoice-received", Fattura + ": ricevuta, protocollo 0000188", retried));
    }

    // ── Accepted (EC01), liquidated and paid ───────────────────────────────────────────

    [Fact]
    public void an_accepted_invoice_is_liquidated_and_paid_and_the_supplier_is_told_at_each_step()
    {
        var fattura = AtVerify();
        var acceptedAt = Winter(2026, 3, 9, 11, 0);
        var form = new { notes = "Conforme all'ordine n. 112/2026 e al SAL n. 1" };

        fattura.At(acceptedAt).Verified("accept", form).LastEvents.ShouldBeEvents([
            .. Done("verify", "accept", form, Ragioneria, new { verifyNotes = form.notes, rejectionReason = (string?)null }),
            .. fattura.SendsOutcome("send-acceptance", "EC01", acceptedAt)]);

        // The outcome left in time: the 15-day clock stops. SdI has 5 days to answer: 9 + 5 = Saturday 14 March.
        var ecFile = Document("IT02123450443_00A7K_EC_001.xml", "8d2c4e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e2f4a6b8c0d2e3f5a7b9c1d", 1_204, "application/xml");
        var ec = new { messageId = "4821937", esito = "EC01", acceptedAt = "2026-03-09T10:00:04Z", message = ecFile };
        fattura.Answered("send-acceptance", ec).LastEvents.ShouldBeEvents([
            .. Read("send-acceptance", "sdi.send-outcome", ec,
                new { esito = "EC01", outcomeMessage = ecFile, outcomeMessageId = "4821937", outcomeSentAt = "2026-03-09T10:00:04Z" }),
            .. OnEntry(new DeadlineStopped("outcome", 2), Waits("await-sdi-answer", "sdi-notification", EndOfWinterDay(2026, 3, 14)))]);

        var neAt = Winter(2026, 3, 10, 8, 0);
        var neFile = Document("IT02123450443_00A7K_NE_001.xml", "1f3e5d7c9b0a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d1c3b5a7f9e2d4c6b8a0f1e", 980, "application/xml");
        var ne = new { type = "NE", esito = "EC01", identificativoSdI = IdentificativoSdI, message = neFile, messageId = "4822310", receivedAt = "2026-03-10T07:00:00Z" };
        fattura.At(neAt).SdiNotifies(ne).LastEvents.ShouldBeEvents([
            .. Arrives("await-sdi-answer", "sdi-notification", ne,
                new { sdiMessage = "NE", sdiAnswer = neFile, sdiAnswerId = "4822310", sdiAnswerAt = "2026-03-10T07:00:00Z" }),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.esito == 'EC01'", "notify-acceptance"),
            .. fattura.TellsSupplier("notify-acceptance", "invoice-accepted", Fattura + ": accettata (EC01)", neAt)]);

        // Liquidation due 10 + 10 = Friday 20 March.
        fattura.SupplierTold("notify-acceptance").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-acceptance"),
            .. Assigns("liquidation", "clerk", "Ragioneria", LiquidationOutcomes, EndOfWinterDay(2026, 3, 20))]);

        var liquidatedAt = Winter(2026, 3, 16, 10, 0);
        fattura.At(liquidatedAt).Liquidation("liquidated", Liquidated).LastEvents.ShouldBeEvents([
            .. Done("liquidation", "liquidated", Liquidated, Ragioneria, new
            {
                liquidationAct = "Determina di liquidazione n. 311 del 16/03/2026",
                verifyNotes = "DURC regolare fino al 12/06/2026; AdER art. 48-bis: non inadempiente; CIG B1F2A3C4D5 verificato",
            }),
            .. fattura.TellsSupplier("notify-liquidation", "invoice-liquidated",
                Fattura + ": liquidata, atto Determina di liquidazione n. 311 del 16/03/2026", liquidatedAt)]);

        // The mandato is due 16 + 5 = Saturday 21 March.
        fattura.SupplierTold("notify-liquidation").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-liquidation"),
            .. Assigns("payment-order", "clerk", "Ragioneria", ["ordered"], EndOfWinterDay(2026, 3, 21))]);

        var orderedAt = Winter(2026, 3, 19, 12, 0);
        fattura.At(orderedAt).PaymentOrdered(Order).LastEvents.ShouldBeEvents([
            .. Done("payment-order", "ordered", Order, Ragioneria, new { paymentOrder = "1045", paymentDate = "2026-03-19" }),
            .. OnEntry(new DeadlineStopped("payment", 2), fattura.TellsSupplier("notify-payment", "invoice-paid",
                Fattura + ": pagamento disposto, mandato 1045 del 2026-03-19", orderedAt))]);

        // The EC and the NE reach the SIP each with its own registration data, not the invoice's protocol entry:
        // IdentificativoSdI_MessageId and the message's own date (Allegato 5, TipoRegistro "Nessuno").
        fattura.SupplierTold("notify-payment").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-payment"),
            .. fattura.ArchivesInvoice("archive-paid", orderedAt,
            [
                new
                {
                    name = "IT02123450443_00A7K_EC_001.xml", sha256 = "8d2c4e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e2f4a6b8c0d2e3f5a7b9c1d", mediaType = "application/xml",
                    flow = "U", identifier = IdentificativoSdI + "_4821937", date = "2026-03-09T10:00:04Z", documentType = "Notifica di esito committente EC01 (SdI)",
                },
                new
                {
                    name = "IT02123450443_00A7K_NE_001.xml", sha256 = "1f3e5d7c9b0a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d1c3b5a7f9e2d4c6b8a0f1e", mediaType = "application/xml",
                    flow = "E", identifier = IdentificativoSdI + "_4822310", date = "2026-03-10T07:00:00Z", documentType = "Notifica esito (NE, SdI)",
                },
            ])]);
        fattura.Answered("archive-paid", new { id = "DIGIP-H769-2026-0003188" }).LastEvents
            .ShouldBeEvents(Archived("archive-paid", "DIGIP-H769-2026-0003188", "paid", "paid"));

        fattura.ShouldBeClosed("paid");
        fattura.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Stopped);
        fattura.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Stopped);
        fattura.SupplierTemplates().ShouldBe(["invoice-received", "invoice-assigned", "invoice-accepted", "invoice-liquidated", "invoice-paid"]);
        fattura.History.OfType<DeadlineExpired>().ShouldBeEmpty();
    }

    [Fact]
    public void with_no_answer_from_sdi_in_five_days_the_case_goes_on_with_the_outcome_sent()
    {
        var fattura = AtVerify().At(Winter(2026, 3, 9, 11, 0)).Verified("accept", new { notes = "Conforme" })
            .OutcomeTaken("send-acceptance", "IT01234567890_EC_001");

        fattura.WaitTimesOut("await-sdi-answer").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-sdi-answer", "main", "sdi-notification"),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.esito == 'EC01'", "notify-acceptance"),
            .. fattura.TellsSupplier("notify-acceptance", "invoice-accepted", Fattura + ": accettata (EC01)", EndOfWinterDay(2026, 3, 14))]);
    }

    [Fact]
    public void an_outcome_that_cannot_be_sent_is_an_incident_the_operator_retries_before_the_fifteen_days()
    {
        var fattura = AtVerify().At(Winter(2026, 3, 9, 11, 0)).Verified("accept", new { notes = "Conforme" });

        fattura.Failed("send-acceptance", "SdI: 00200 file non integro").LastEvents
            .ShouldBeEvents(Incident("send-acceptance", "sdi.send-outcome", "SdI: 00200 file non integro"));
        fattura.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Running);

        var retried = Winter(2026, 3, 10, 9, 0);
        fattura.At(retried).Retried("send-acceptance", Ragioneria).LastEvents.ShouldBeEvents(fattura.RetryRequested("send-acceptance", "sdi.send-outcome",
            new { identificativoSdI = IdentificativoSdI, esito = "EC01", invoiceFileName = "IT02123450443_00A7K.xml.p7m", invoiceNumber = "FPR 27/26",
                invoiceDate = "2026-02-26", position = 1 }, retried, attempt: 2, Ragioneria));
        fattura.OutcomeTaken("send-acceptance", "IT01234567890_EC_002").LastEvents.OfType<DeadlineStopped>()
            .ShouldBeEvents(new DeadlineStopped("outcome", 2));
    }

    // ── Rejected (EC02) ─────────────────────────────────────────────────────────────────

    [Fact]
    public void a_rejected_invoice_is_refused_through_sdi_the_supplier_is_told_and_it_is_archived()
    {
        var fattura = AtVerify();
        var rejectedAt = Winter(2026, 3, 11, 15, 0);
        var form = new
        {
            notes = "Manca il CUP dell'opera finanziata",
            reason = "Omessa indicazione del CUP obbligatorio (DM 132/2020 art. 2 c.1 lett. b)",
        };

        fattura.At(rejectedAt).Verified("reject", form).LastEvents.ShouldBeEvents([
            .. Done("verify", "reject", form, Ragioneria, new { verifyNotes = form.notes, rejectionReason = form.reason }),
            .. fattura.SendsOutcome("send-rejection", "EC02", rejectedAt, descrizione: form.reason)]);
        fattura.OutcomeTaken("send-rejection", "IT01234567890_EC_003").LastEvents.ShouldBeEvents([
            .. Read("send-rejection", "sdi.send-outcome", new { messageId = "IT01234567890_EC_003" }, new { esito = "EC02", outcomeMessage = (object?)null, outcomeMessageId = "IT01234567890_EC_003", outcomeSentAt = (string?)null }),
            .. OnEntry(new DeadlineStopped("outcome", 2), Waits("await-sdi-answer", "sdi-notification", EndOfWinterDay(2026, 3, 16)))]);

        var ne = new { type = "NE", esito = "EC02", identificativoSdI = IdentificativoSdI };
        var neAt = Winter(2026, 3, 12, 8, 0);
        fattura.At(neAt).SdiNotifies(ne).LastEvents.ShouldBeEvents([
            .. Arrives("await-sdi-answer", "sdi-notification", ne, new { sdiMessage = "NE", sdiAnswer = (object?)null, sdiAnswerId = (string?)null, sdiAnswerAt = (string?)null }),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "otherwise", "notify-rejection"),
            .. fattura.TellsSupplier("notify-rejection", "invoice-rejected", Fattura + ": rifiutata", neAt, reason: form.reason)]);
        fattura.SupplierTold("notify-rejection").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-rejection"),
            .. fattura.ArchivesInvoice("archive-rejected", neAt)]);
        fattura.Answered("archive-rejected", new { id = "DIGIP-H769-2026-0003190" }).LastEvents
            .ShouldBeEvents(Archived("archive-rejected", "DIGIP-H769-2026-0003190", "archived", "archived"));

        fattura.ShouldBeClosed("archived");
        fattura.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Stopped); // closing stops the payment term
        fattura.SupplierTemplates().ShouldBe(["invoice-received", "invoice-assigned", "invoice-rejected"]);
    }

    // ── SdI discards the outcome (SE) ───────────────────────────────────────────────────

    [Fact]
    public void an_outcome_discarded_by_sdi_goes_to_a_clerk_who_may_still_liquidate()
    {
        var fattura = AtVerify().At(Winter(2026, 3, 9, 11, 0)).Verified("accept", new { notes = "Conforme" })
            .OutcomeTaken("send-acceptance", "IT01234567890_EC_001");

        // Discarded: the case looks for SdI's DT an hour at most (it may have come already and been kept), then a clerk
        // decides, due 10 + 3 = Friday 13 March.
        var se = new { type = "SE", codice = "EN01", descrizione = "Notifica non ammessa: termini decorsi", identificativoSdI = IdentificativoSdI };
        var seAt = Winter(2026, 3, 10, 8, 0);
        fattura.At(seAt).SdiNotifies(se).LastEvents.ShouldBeEvents([
            .. Arrives("await-sdi-answer", "sdi-notification", se, new { sdiMessage = "SE", sdiAnswer = (object?)null, sdiAnswerId = (string?)null, sdiAnswerAt = (string?)null }),
            new StepEntered("sdi-answer", "decision", "main", 1),
            new DecisionTaken("sdi-answer", "main", "vars.sdiMessage == 'SE'", "await-dt-discarded"),
            .. Waits("await-dt-discarded", "sdi-notification", seAt.AddHours(1))]);
        fattura.WaitTimesOut("await-dt-discarded").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-dt-discarded", "main", "sdi-notification"),
            .. Assigns("outcome-discarded", "clerk", "Ragioneria", ["liquidate", "not-payable"], EndOfWinterDay(2026, 3, 13))]);

        var form = new { notes = "Scarto EN01: l'EC01 era comunque nostro; la fattura è dovuta, si liquida" };
        fattura.At(Winter(2026, 3, 11, 9, 0)).Completed("outcome-discarded", "liquidate", form, Ragioneria).LastEvents.ShouldBeEvents([
            .. Done("outcome-discarded", "liquidate", form, Ragioneria, new { verifyNotes = form.notes }),
            .. Assigns("liquidation", "clerk", "Ragioneria", LiquidationOutcomes, EndOfWinterDay(2026, 3, 21))]);
        fattura.Liquidation("liquidated", Liquidated).SupplierTold("notify-liquidation").PaymentOrdered(Order).SupplierTold("notify-payment")
            .Answered("archive-paid", new { id = "DIGIP-H769-2026-0003191" });

        fattura.ShouldBeClosed("paid");
        fattura.SupplierTemplates().ShouldBe(["invoice-received", "invoice-assigned", "invoice-liquidated", "invoice-paid"]);
    }

    [Fact]
    public void an_outcome_sent_after_sdi_s_fifteen_days_is_discarded_and_the_dt_kept_before_is_preserved_with_the_invoice()
    {
        // SdI's 15 days ran out before the case's (they are not synchronised): the DT came while the clerk verified
        // (not taken there: kept with the file by the intake), the EC01 sent on 17 March is discarded (SE, EN01).
        var dt = new { type = "DT", identificativoSdI = IdentificativoSdI, message = DtFile, messageId = "4830112", receivedAt = "2026-03-17T07:00:00Z" };
        var fattura = AtVerify().At(Winter(2026, 3, 17, 8, 0));
        fattura.Refused(new ReceiveEvent("sdi-notification", Obj(dt)) { FromSystem = true }).Code.ShouldBe("not-waiting");
        fattura.At(Winter(2026, 3, 17, 10, 0)).Verified("accept", new { notes = "Conforme" }).OutcomeTaken("send-acceptance", "IT01234567890_EC_001")
            .At(Winter(2026, 3, 17, 10, 5)).SdiNotifies(new { type = "SE", codice = "EN01", identificativoSdI = IdentificativoSdI });
        fattura.MainStep.ShouldBe("await-dt-discarded");

        // The host hands the kept DT over as the wait starts: taken with the date it was received.
        fattura.When(new ReceiveEvent("sdi-notification", Obj(dt)) { FromSystem = true }).LastEvents.ShouldBeEvents([
            .. Arrives("await-dt-discarded", "sdi-notification", dt, new { dtMessage = DtFile, dtMessageId = "4830112", dtReceivedAt = "2026-03-17T07:00:00Z" }),
            .. Assigns("outcome-discarded", "clerk", "Ragioneria", ["liquidate", "not-payable"], EndOfWinterDay(2026, 3, 20))]);

        var decidedAt = Winter(2026, 3, 17, 12, 0);
        fattura.At(decidedAt).Completed("outcome-discarded", "not-payable", new { notes = "Nota di credito chiesta fuori SdI" }, Ragioneria);
        fattura.SupplierTold("notify-rejection").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-rejection"),
            .. fattura.ArchivesInvoice("archive-rejected", decidedAt, [new
            {
                name = "IT02123450443_00A7K_DT_001.xml", sha256 = "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c", mediaType = "application/xml",
                flow = "E", identifier = IdentificativoSdI + "_4830112", date = "2026-03-17T07:00:00Z", documentType = "Notifica di decorrenza termini (DT, SdI)",
            }])]);
    }

    [Fact]
    public void an_outcome_discarded_by_sdi_and_found_not_payable_is_archived()
    {
        const string Reason = "Fattura riferita a operazione non destinata all'ente (DM 132/2020 art. 2 c.1 lett. a)";
        var fattura = AtVerify().At(Winter(2026, 3, 9, 11, 0)).Verified("reject", new { notes = "Prestazione non ordinata", reason = Reason })
            .OutcomeTaken("send-rejection", "IT01234567890_EC_004")
            .SdiNotifies(new { type = "SE", codice = "EN00", descrizione = "Notifica non conforme al formato" }).WaitTimesOut("await-dt-discarded");

        var decidedAt = Winter(2026, 3, 12, 10, 0);
        fattura.At(decidedAt).Completed("outcome-discarded", "not-payable", new { notes = "Nota di credito chiesta fuori SdI" }, Ragioneria)
            .LastEvents.OfType<IntegrationRequested>()
            .ShouldBeEvents(fattura.ToSupplier("notify-rejection", "invoice-rejected", Fattura + ": rifiutata", decidedAt, reason: Reason));
        fattura.SupplierTold("notify-rejection").Answered("archive-rejected", new { id = "DIGIP-H769-2026-0003192" });

        fattura.ShouldBeClosed("archived");
    }

    // ── Decorrenza termini: no outcome in 15 days ───────────────────────────────────────

    [Fact]
    public void no_outcome_in_fifteen_days_is_decorrenza_termini_sdi_s_dt_is_taken_and_the_invoice_goes_to_liquidation()
    {
        var fattura = AtVerify();

        // The case waits for SdI's DT two days at most: 17 March + 2 = Thursday 19 March.
        fattura.ClockExpires("outcome").LastEvents.ShouldBeEvents([
            .. Expires("outcome", "decorrenza-termini", 2, abandoned: "verify"),
            .. Waits("await-dt", "sdi-notification", EndOfWinterDay(2026, 3, 19))]);
        fattura.Now.ShouldBe(OutcomeDue);
        fattura.Refused(new CompleteTask("verify", "reject", Obj(new { notes = "tardivo" }), Ragioneria)).Code.ShouldBe("no-open-task");

        // The DT comes at 03:00 on 18 March: kept with its own identification. Liquidation due 18 + 10 = Saturday 28 March.
        fattura.DtArrives().LastEvents.ShouldBeEvents([
            .. Arrives("await-dt", "sdi-notification", Dt, new { dtMessage = DtFile, dtMessageId = "4830112", dtReceivedAt = "2026-03-18T02:00:00Z" }),
            .. Assigns("liquidation", "clerk", "Ragioneria", LiquidationOutcomes, EndOfWinterDay(2026, 3, 28))]);

        var liquidatedAt = Winter(2026, 3, 23, 9, 0);
        var form = new { act = "Determina di liquidazione n. 340 del 23/03/2026" };
        fattura.At(liquidatedAt).Liquidation("liquidated", form).LastEvents.ShouldBeEvents([
            .. Done("liquidation", "liquidated", form, Ragioneria, new { liquidationAct = form.act, verifyNotes = (string?)null }),
            .. fattura.TellsSupplier("notify-liquidation", "invoice-liquidated",
                Fattura + ": liquidata, atto Determina di liquidazione n. 340 del 23/03/2026", liquidatedAt)]);
        fattura.SupplierTold("notify-liquidation")
            .At(Winter(2026, 3, 26, 10, 0)).PaymentOrdered(new { order = "1101", date = "2026-03-26" })
            .LastEvents.OfType<DeadlineStopped>().ShouldBeEvents(new DeadlineStopped("payment", 2));

        // The invoice is preserved with the DT (CAD art. 44; DPCM 3/12/2013), identified as SdI identifies it.
        fattura.SupplierTold("notify-payment").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-payment"),
            .. fattura.ArchivesInvoice("archive-paid", Winter(2026, 3, 26, 10, 0), [DtAttachment])]);
        fattura.Answered("archive-paid", new { id = "DIGIP-H769-2026-0003201" });

        fattura.ShouldBeClosed("paid");
        fattura.State.Clocks["outcome"].Status.ShouldBe(ClockStatus.Expired);
        fattura.SupplierTemplates().ShouldBe(["invoice-received", "invoice-assigned", "invoice-liquidated", "invoice-paid"]);
        fattura.History.OfType<IntegrationRequested>().ShouldNotContain(r => r.Activity == "sdi.send-outcome");
        EventText.Types(fattura.History.SkipWhile(e => e is not DeadlineExpired)).ShouldBe([
            "DeadlineExpired", "StepAbandoned", "StepEntered", "WaitStarted",
            "ExternalEventReceived", "VariablesSet", "StepEntered", "TaskAssigned",
            "TaskCompleted", "VariablesSet", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "TaskAssigned",
            "TaskCompleted", "VariablesSet", "StepEntered", "DeadlineStopped", "IntegrationRequested",
            "IntegrationSucceeded", "StepEntered", "IntegrationRequested",
            "IntegrationSucceeded", "VariablesSet", "StepEntered", "CaseClosed"]);
    }

    [Fact]
    public void a_dt_that_never_comes_does_not_hold_the_liquidation_up_and_the_invoice_is_preserved_without_it()
    {
        var fattura = AtVerify().ClockExpires("outcome");

        // Nothing from SdI by the end of 19 March: the decorrenza stands by law, the case goes on.
        // Liquidation due 19 March + 10 = Sunday 29 March, moved to Monday 30 March (summer time from the 29th).
        fattura.WaitTimesOut("await-dt").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-dt", "main", "sdi-notification"),
            .. Assigns("liquidation", "clerk", "Ragioneria", LiquidationOutcomes, EndOfSummerDay(2026, 3, 30))]);
        fattura.State.Variables.GetValueOrDefault("dtMessage").ShouldBeNull();

        // A DT that comes after the wait ended is recorded on the case and moves nothing.
        fattura.At(Winter(2026, 3, 20, 9, 0)).When(new ReceiveEvent("sdi-notification", Obj(Dt)) { FromSystem = true }).LastEvents.ShouldBeEvents(
            new ExternalEventReceived("await-dt", ExternalEventReceived.LateToken, "sdi-notification", Obj(Dt)));
        fattura.OpenTasks().ShouldBe(["liquidation"]);

        var at = Winter(2026, 3, 23, 9, 0);
        fattura.At(at).Liquidation("liquidated", new { act = "Determina n. 341 del 23/03/2026" }).SupplierTold("notify-liquidation")
            .PaymentOrdered(new { order = "1102", date = "2026-03-23" });
        fattura.SupplierTold("notify-payment").LastEvents.ShouldBeEvents([
            SupplierNotified("notify-payment"),
            .. fattura.ArchivesInvoice("archive-paid", at)]);
        fattura.Answered("archive-paid", new { id = "DIGIP-H769-2026-0003202" });
        fattura.ShouldBeClosed("paid");
    }

    [Fact]
    public void a_dt_that_comes_before_the_case_s_own_fifteen_days_end_is_taken_when_the_case_waits_for_it()
    {
        // SdI's 15 days and the case's clock are not synchronised. A DT that comes while the clerk still verifies
        // is not taken there (nothing waits for it): the intake keeps it with the received file and hands it to the
        // case when the case starts waiting for it (SdiMessageIntake.ForwardKeptAsync), with the date it was received.
        var fattura = AtVerify().At(Winter(2026, 3, 17, 22, 0));
        fattura.Refused(new ReceiveEvent("sdi-notification", Obj(Dt)) { FromSystem = true }).Code.ShouldBe("not-waiting");

        fattura.ClockExpires("outcome").DtArrives().LastEvents.ShouldBeEvents([
            .. Arrives("await-dt", "sdi-notification", Dt, new { dtMessage = DtFile, dtMessageId = "4830112", dtReceivedAt = "2026-03-18T02:00:00Z" }),
            .. Assigns("liquidation", "clerk", "Ragioneria", LiquidationOutcomes, EndOfWinterDay(2026, 3, 28))]);
    }

    [Fact]
    public void a_dt_is_not_taken_as_sdi_s_answer_to_the_outcome()
    {
        var fattura = AtVerify().At(Winter(2026, 3, 16, 17, 0)).Verified("accept", new { notes = "Conforme" })
            .OutcomeTaken("send-acceptance", "IT01234567890_EC_001");
        fattura.MainStep.ShouldBe("await-sdi-answer");

        fattura.Refused(new ReceiveEvent("sdi-notification", Obj(Dt)) { FromSystem = true }).Code.ShouldBe("event-does-not-match");
        fattura.MainStep.ShouldBe("await-sdi-answer");
    }

    [Fact]
    public void an_outcome_stuck_in_an_incident_when_the_fifteen_days_end_is_abandoned_for_decorrenza_termini()
    {
        var fattura = AtVerify().At(Winter(2026, 3, 16, 17, 0)).Verified("accept", new { notes = "Conforme" })
            .Failed("send-acceptance", "SdI: 00102 file non valido");

        fattura.ClockExpires("outcome").LastEvents.ShouldBeEvents([
            .. Expires("outcome", "decorrenza-termini", 2, abandoned: "send-acceptance"),
            .. Waits("await-dt", "sdi-notification", EndOfWinterDay(2026, 3, 19))]);
        fattura.Refused(new RetryIncident("send-acceptance", Ragioneria)).Code.ShouldBe("no-incident");
    }

    // ── Late payment and not payable ────────────────────────────────────────────────────

    [Fact]
    public void a_payment_order_after_thirty_days_records_the_expiry_and_moves_nothing()
    {
        var fattura = AtVerify().ClockExpires("outcome").DtArrives()
            .At(Winter(2026, 3, 27, 10, 0)).Liquidation("liquidated", new { act = "Determina n. 352 del 27/03/2026" }).SupplierTold("notify-liquidation");
        fattura.OpenTasks().ShouldBe(["payment-order"]);

        // Interest for late payment runs by law from 2 April (D.Lgs. 231/2002 art. 5): recorded, nothing moves.
        fattura.ClockExpires("payment").LastEvents.ShouldBeEvents(new DeadlineExpired("payment", "none", 2));
        fattura.Now.ShouldBe(PaymentDue);
        fattura.OpenTasks().ShouldBe(["payment-order"]);

        var orderedAt = Summer(2026, 4, 2, 10, 0);
        var order = new { order = "1187", date = "2026-04-02" };
        fattura.At(orderedAt).PaymentOrdered(order).LastEvents.ShouldBeEvents([
            .. Done("payment-order", "ordered", order, Ragioneria, new { paymentOrder = "1187", paymentDate = "2026-04-02" }),
            .. fattura.TellsSupplier("notify-payment", "invoice-paid", Fattura + ": pagamento disposto, mandato 1187 del 2026-04-02", orderedAt)]);
        fattura.SupplierTold("notify-payment").Answered("archive-paid", new { id = "DIGIP-H769-2026-0003260" });

        fattura.ShouldBeClosed("paid");
        fattura.State.Clocks["payment"].Status.ShouldBe(ClockStatus.Expired);
    }

    [Fact]
    public void an_invoice_found_not_payable_at_liquidation_is_archived_and_the_supplier_is_told_why()
    {
        var fattura = AtVerify().AcceptedAndNotified();

        var decidedAt = Winter(2026, 3, 13, 12, 0);
        var form = new { act = "DURC irregolare (INPS): intervento sostitutivo art. 30 D.Lgs. 36/2023", notes = "DURC prot. INPS_40312233" };
        fattura.At(decidedAt).Liquidation("not-payable", form).LastEvents.ShouldBeEvents([
            .. Done("liquidation", "not-payable", form, Ragioneria, new { liquidationAct = form.act, verifyNotes = form.notes }),
            .. fattura.TellsSupplier("notify-not-payable", "invoice-not-payable", Fattura + ": non pagabile", decidedAt, reason: form.act)]);

        // A courtesy notice that fails does not stop the archive.
        fattura.Failed("notify-not-payable", "PEC: 550").LastEvents.ShouldBeEvents([
            new IntegrationFailed("notify-not-payable", "main", "notify.supplier", 1, "PEC: 550", false),
            .. fattura.ArchivesInvoice("archive-rejected", decidedAt)]);
        fattura.Answered("archive-rejected", new { id = "DIGIP-H769-2026-0003210" });

        fattura.ShouldBeClosed("archived");
        fattura.SupplierTemplates().ShouldBe(["invoice-received", "invoice-assigned", "invoice-accepted", "invoice-not-payable"]);
    }
}
