using static Sys2.Workflows.Tests.Paths.Cila;
using static Sys2.Workflows.Tests.Paths.Expected;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/sue/cila.yaml, every path with the decider alone. DPR 380/2001 art. 6-bis.
// The case and what the systems answer: Cila.cs.
public class when_a_sue_cila_case_runs
{
    // ── Filing, visura and diritti di segreteria ────────────────────────────────────────

    [Fact]
    public void the_cila_is_registered_and_acknowledged_with_no_term_running()
    {
        var cila = Submitted();

        cila.LastEvents.ShouldBeEvents([
            new CaseOpened(cila.CaseId, "H769", "sue.cila", 1, cila.Definition.ContentHash, "sue", Obj(Inputs), "marco.galli", Filed),
            .. cila.Calls("catalogue", "procedimarche.lookup", new { code = "SUE-CILA" }, Filed)]);

        cila.Catalogued().LastEvents.ShouldBeEvents([.. cila.CatalogueRead(fee: 5165), .. cila.Registers("CILA – " + Intervention, Filed)]);

        cila.ThroughProtocol().LastEvents.ShouldBeEvents([
            .. cila.ProtocolRead(),
            .. cila.Notifies("receipt", "cila-receipt", "CILA prot. 0000061 del 2026-03-02", Filed)]);

        cila.NoticeDelivered().LastEvents.ShouldBeEvents(cila.ChecksFork(Filed));
        cila.State.Clocks.ShouldBeEmpty();
    }

    [Fact]
    public void without_diritti_the_fees_branch_finishes_at_once_and_the_check_waits_for_the_visura()
    {
        var cila = Acknowledged(fee: 0);

        cila.LastEvents.OfType<DecisionTaken>().ShouldBeEvents(new DecisionTaken("needs-fee", "checks/needs-fee", "otherwise", "formal-check"));
        cila.LastEvents.OfType<BranchFinished>().ShouldBeEvents(new BranchFinished("checks", "checks/needs-fee", "formal-check"));
        cila.OpenTasks().ShouldBeEmpty();

        cila.VisuraArrives().LastEvents.OfType<BranchesJoined>().ShouldBeEvents(new BranchesJoined("checks", "main", "formal-check"));
        cila.OpenTasks().ShouldBe(["formal-check"]);
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_of_the_sue()
    {
        var cila = Acknowledged();

        cila.Failed("visura", "SigmaTER: 500 errore interno").LastEvents
            .ShouldBeEvents(cila.VisuraGoesManual("SigmaTER: 500 errore interno", EndOfWinterDay(2026, 3, 7)));

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. A/2 cl. 3, 6 vani, intestato a Rossi Mario" };
        cila.ManualVisura(form).LastEvents.ShouldBeEvents(cila.ManualVisuraDone(form));
    }

    [Fact]
    public void an_unpaid_avviso_gets_a_reminder_and_the_check_starts_anyway()
    {
        var cila = Acknowledged().VisuraArrives().AvvisoIssued();

        cila.WaitTimesOut("await-payment").LastEvents.ShouldBeEvents(
            cila.Reminds("CILA prot. 0000061: diritti non ancora pagati, avviso 302000000001234660", EndOfWinterDay(2026, 3, 17)));

        // The check is due 17 March + 30 = Thursday 16 April.
        cila.Delivers("payment-reminder").LastEvents.ShouldBeEvents([
            cila.NoticeSent("payment-reminder", token: "checks/needs-fee"),
            .. cila.Joins(taskDue: EndOfSummerDay(2026, 4, 16))]);
    }

    // ── Complete: filed ─────────────────────────────────────────────────────────────────

    private const string Filing = "CILA prot. 0000061: comunicazione completa, archiviata";

    [Fact]
    public void a_complete_cila_is_filed_and_archived()
    {
        var cila = AtCheck();
        var checkedAt = Winter(2026, 3, 10, 10, 0);
        var form = new { notes = "Opere interne di manutenzione straordinaria (art. 3 c.1 lett. b): CILA completa" };

        cila.At(checkedAt).FormalCheck("complete", form).LastEvents.ShouldBeEvents([
            .. Done("formal-check", "complete", form, IstruttoreSue, new { checkNotes = form.notes, missing = (string?)null }),
            .. cila.Notifies("file", "cila-filed", Filing, checkedAt)]);
        cila.Delivers("file").LastEvents.ShouldBeEvents(cila.DeliveredThenArchives("file", "archive", checkedAt));
        cila.ArchivedAs("archive", "DIGIP-H769-2026-0001011").LastEvents
            .ShouldBeEvents(Archived("archive", "DIGIP-H769-2026-0001011", "archived", "archived"));

        cila.ShouldBeClosed("archived");
        cila.StepsEntered.ShouldBe([
            "catalogue", "protocol", "receipt", "checks", "visura", "needs-fee", "request-payment", "avviso-pagopa", "await-payment",
            "formal-check", "file", "archive", "archived"]);
    }

    [Fact]
    public void a_filing_notice_that_cannot_be_sent_does_not_stop_the_archive()
    {
        var cila = AtCheck().FormalCheck("complete", new { notes = "Completa" });

        cila.Failed("file", "PEC: 550 casella inesistente").LastEvents.ShouldBeEvents([
            new IntegrationFailed("file", "main", "notify.applicant", 1, "PEC: 550 casella inesistente", false),
            .. cila.Archives("archive", PaidOn)]);
        cila.ArchivedAs("archive", "DIGIP-H769-2026-0001012");

        cila.ShouldBeClosed("archived");
    }

    // ── Integration ─────────────────────────────────────────────────────────────────────

    private const string Missing = "Elaborato grafico dello stato di fatto, di progetto e comparativo (gialli e rossi) in scala 1:100";

    private static readonly object IntegrationForm = new { notes = "Manca l'elaborato grafico comparativo", missing = Missing };

    private static readonly DateTimeOffset IntegrationAsked = Winter(2026, 3, 10, 10, 0);

    private const string Ineffective = "CILA prot. 0000061: comunicazione inefficace";

    [Fact]
    public void an_integration_is_requested_with_thirty_days_and_the_recheck_files_it()
    {
        var cila = AtCheck();

        cila.At(IntegrationAsked).FormalCheck("request-integration", IntegrationForm).LastEvents.ShouldBeEvents([
            .. Done("formal-check", "request-integration", IntegrationForm, IstruttoreSue,
                new { checkNotes = "Manca l'elaborato grafico comparativo", missing = Missing }),
            .. cila.Notifies("request-integration", "cila-integration-request", "CILA prot. 0000061: richiesta di integrazione entro 30 giorni",
                IntegrationAsked, new { request = Missing })]);

        // 30 days from 10 March: Thursday 9 April, to the end of the day.
        cila.Delivers("request-integration").LastEvents.ShouldBeEvents([
            cila.NoticeSent("request-integration"),
            .. Waits("await-integration", "documents-received", EndOfSummerDay(2026, 4, 9))]);

        // Re-check due 25 March + 15 = Thursday 9 April.
        var payload = new
        {
            documents = new[] { Document("tavola-comparativa.pdf.p7m", "d22898a290ef6be3e1fa83400c6b7c4551b6145261c646845955c548bfc2b56f", 3_540_221) },
        };
        cila.At(Winter(2026, 3, 25, 10, 0)).Received("documents-received", payload).LastEvents.ShouldBeEvents([
            .. Arrives("await-integration", "documents-received", payload),
            .. Assigns("recheck", "clerk", "SUE", ["complete", "still-incomplete"], EndOfSummerDay(2026, 4, 9))]);

        var recheckedAt = Summer(2026, 4, 2, 11, 0);
        var recheck = new { notes = "Tavola comparativa conforme" };
        cila.At(recheckedAt).Completed("recheck", "complete", recheck, IstruttoreSue).LastEvents.ShouldBeEvents([
            .. Done("recheck", "complete", recheck, IstruttoreSue, new { checkNotes = "Tavola comparativa conforme" }),
            .. cila.Notifies("file", "cila-filed", Filing, recheckedAt)]);
        cila.Delivers("file").ArchivedAs("archive", "DIGIP-H769-2026-0001201");

        cila.ShouldBeClosed("archived");
    }

    [Fact]
    public void no_integration_within_thirty_days_makes_the_communication_ineffective()
    {
        var cila = AtCheck().At(IntegrationAsked).FormalCheck("request-integration", IntegrationForm).Delivers("request-integration");

        // The communication of ineffectiveness is an act with legal effect: registered as outgoing first.
        cila.WaitTimesOut("await-integration").LastEvents.ShouldBeEvents([
            new WaitTimedOut("await-integration", "main", "documents-received"),
            .. cila.RegistersAct("register-ineffective", IneffectiveAct, EndOfSummerDay(2026, 4, 9))]);
        cila.ActRegistered("register-ineffective", "0000140").LastEvents.ShouldBeEvents([
            .. Read("register-ineffective", "protocol.register", new { number = "0000140", date = "2026-04-09" }, new { actNumber = "0000140", actDate = "2026-04-09" }),
            .. cila.SendsByPec("ineffective", "cila-ineffective", Ineffective, EndOfSummerDay(2026, 4, 9),
                new { notes = "Manca l'elaborato grafico comparativo", protocolNumber = "0000140", protocolDate = "2026-04-09", documentType = IneffectiveType })]);
        // By PEC to the domicilio digitale (CAD art. 3-bis and 6); its receipt is waited for ten days: 9 April + 10 =
        // Sunday 19 April -> Monday 20 April. Delivered the next morning, it reaches the SIP with the act's own
        // outgoing registration.
        cila.PecAccepts("ineffective").LastEvents.ShouldBeEvents(cila.ActPecSent("ineffective", EndOfSummerDay(2026, 4, 20)));
        var receipt = Cila.ActReceipt(Summer(2026, 4, 10, 8, 0));
        cila.At(Summer(2026, 4, 10, 8, 1)).Received("delivery-receipt", receipt).LastEvents.ShouldBeEvents([
            .. Cila.ActReceiptArrives(receipt, "archive-ineffective"),
            .. cila.Archives("archive-ineffective", Summer(2026, 4, 10, 8, 1),
                [Cila.Act("0000140", "2026-04-09", IneffectiveType)], [Cila.ReceiptKept(receipt)])]);
        cila.ArchivedAs("archive-ineffective", "DIGIP-H769-2026-0001305").LastEvents
            .ShouldBeEvents(Archived("archive-ineffective", "DIGIP-H769-2026-0001305", "rejected", "rejected"));

        cila.ShouldBeClosed("rejected");
    }

    [Fact]
    public void an_integration_still_incomplete_makes_the_communication_ineffective()
    {
        var cila = AtCheck().At(IntegrationAsked).FormalCheck("request-integration", IntegrationForm).Delivers("request-integration")
            .At(Winter(2026, 3, 25, 10, 0)).Received("documents-received", new { documents = Array.Empty<object>() });

        var form = new { notes = "La tavola inviata non riporta lo stato di fatto" };
        var rejectedAt = Summer(2026, 4, 2, 11, 0);
        EventText.Types(cila.At(rejectedAt).Completed("recheck", "still-incomplete", form, IstruttoreSue).ActRegistered("register-ineffective", "0000141").LastEvents)
            .ShouldBe(["IntegrationSucceeded", "VariablesSet", "StepEntered", "IntegrationRequested"]);
        cila.LastEvents.OfType<IntegrationRequested>().ShouldBeEvents(
            cila.Requested("ineffective", "pec.send", Cila.Notice("cila-ineffective", Ineffective,
                new { notes = form.notes, protocolNumber = "0000141", protocolDate = "2026-04-02", documentType = IneffectiveType }), rejectedAt));
        cila.ActDelivered("ineffective").ArchivedAs("archive-ineffective", "DIGIP-H769-2026-0001306");

        cila.ShouldBeClosed("rejected");
        cila.StepsEntered.SkipWhile(s => s != "formal-check").ShouldBe([
            "formal-check", "request-integration", "await-integration", "recheck", "register-ineffective", "ineffective", "await-act-receipt",
            "act-delivered", "archive-ineffective", "rejected"]);
    }

    private const string IneffectiveAct = "Comunicazione di inefficacia della CILA (DPR 380/2001 art. 6-bis) – prot. 0000061";

    private const string IneffectiveType = "Comunicazione di inefficacia della CILA (DPR 380/2001 art. 6-bis)";

    // ── Not a CILA ──────────────────────────────────────────────────────────────────────

    [Fact]
    public void works_that_need_another_title_make_the_communication_ineffective_and_without_a_pec_address_it_goes_by_other_means()
    {
        var cila = AtCheck();
        var form = new { notes = "L'apertura di una nuova finestra in facciata richiede SCIA (art. 22): la CILA non è il titolo" };
        var checkedAt = Winter(2026, 3, 12, 9, 0);

        cila.At(checkedAt).FormalCheck("not-cila", form).LastEvents.ShouldBeEvents([
            .. Done("formal-check", "not-cila", form, IstruttoreSue, new { checkNotes = form.notes, missing = (string?)null }),
            .. cila.RegistersAct("register-ineffective", IneffectiveAct, checkedAt)]);
        cila.ActRegistered("register-ineffective", "0000088").LastEvents.ShouldBeEvents([
            .. Read("register-ineffective", "protocol.register", new { number = "0000088", date = "2026-03-12" }, new { actNumber = "0000088", actDate = "2026-03-12" }),
            .. cila.SendsByPec("ineffective", "cila-ineffective", Ineffective, checkedAt,
                new { notes = form.notes, protocolNumber = "0000088", protocolDate = "2026-03-12", documentType = IneffectiveType })]);

        // The applicant has no domicilio digitale: the call fails for good and the clerk sends the act by other means
        // (CAD art. 3-bis c.4-bis), due 12 + 2 = Saturday 14 March.
        const string NoPec = "to.pec is missing: Mario Rossi has no domicilio digitale (PEC address)";
        cila.Failed("ineffective", NoPec).LastEvents.ShouldBeEvents([
            new IntegrationFailed("ineffective", "main", "pec.send", 1, NoPec, false),
            .. Assigns("act-other-means", "clerk", "SUE", ["sent"], EndOfWinterDay(2026, 3, 14))]);
        cila.State.Status.ShouldBe(CaseStatus.Open);

        // Sent by raccomandata A/R; its return receipt, signed on Monday 16 March, is filed at the counter: recorded, the
        // case is archived.
        var sentAt = Winter(2026, 3, 12, 15, 0);
        var means = new { means = "raccomandata A/R n. 15012345684-5" };
        cila.At(sentAt).Completed("act-other-means", "sent", means, IstruttoreSue).LastEvents.ShouldBeEvents([
            .. Done("act-other-means", "sent", means, IstruttoreSue, new { actOtherMeans = means.means }),
            .. Waits("await-act-receipt", "delivery-receipt", EndOfWinterDay(2026, 3, 23))]);
        cila.At(Winter(2026, 3, 17, 9, 0)).Received("delivery-receipt", new { receivedAt = "2026-03-16T11:00:00+01:00" });
        cila.ArchivedAs("archive-ineffective", "DIGIP-H769-2026-0001090");
        cila.State.Variables["actReceipt"]!["receivedAt"]!.GetValue<string>().ShouldBe("2026-03-16T11:00:00+01:00");

        cila.ShouldBeClosed("rejected");
    }
}
