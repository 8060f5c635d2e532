using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Runtime;
using Sys2.Workflows.Tests.Support;
using static Sys2.Workflows.Tests.Paths.Pratiche;

namespace Sys2.Workflows.Tests.Paths;

// workflows/sue/cila.yaml, every path with the decider alone. DPR 380/2001 art. 6-bis.
// A CILA is a communication: the office has no legal term and its silence has no effect, so
// no clock ever runs; only the tasks' internal due dates and the 30 days given for the
// integration (end of the 30th day, past Sundays and holidays).
public class when_a_sue_cila_case_runs
{
    private const string CaseId = "SUE-H769-2026-0000007";
    private const string Intervention = "rifacimento del bagno e spostamento di tramezzi interni";

    private static readonly WorkflowDefinition Definition = TestDefinitions.Shipped("sue/cila.yaml");

    private static readonly DateTimeOffset Filed = Winter(2026, 3, 2, 9, 0);

    private static readonly object Communication = Document("cila-asseverata.pdf.p7m",
        "52474b834b6b26b8843166c801c27b408ea45898929b2f872bcf01957065635d", 2_318_450);

    private static readonly object Inputs = new
    {
        applicant = MarioRossi, technician = GiuseppeVerdi, intervention = Intervention, communication = Communication, parcel = Parcel,
    };

    private static readonly object Catalogue = new { code = "SUE-CILA", title = "CILA", fees = new { segreteria = 5165 } };
    private static readonly object Protocol = new { number = "0000061", date = "2026-03-02", aoo = "H769-AOO1" };
    private static readonly object Delivered = new { messageId = "PEC-20260302-002061", status = "consegnato" };
    private static readonly object Visura = new
    {
        categoria = "A/2", classe = "3", consistenza = "6 vani", rendita = "604,25",
        intestati = new[] { new { fiscalCode = "RSSMRA45D25F205N", diritto = "Proprietà per 1/1" } },
    };
    private static readonly object Avviso = new { noticeNumber = "302000000001234660", iuv = "02000000001234660", amount = 5165 };
    private static readonly object Receipt = new { paidAt = "2026-03-04T09:12:00+01:00", iuv = "02000000001234660", amount = 5165, psp = "UniCredit" };

    private static readonly string[] CheckOutcomes = ["complete", "request-integration", "not-cila"];

    private static IntegrationRequested Requested(string step, string activity, object input, DateTimeOffset notBefore,
        string token = "main", int attempt = 1) =>
        Pratiche.Requested(CaseId, step, activity, input, notBefore, token, attempt);

    /// <summary>Registered and acknowledged: visura and fees running.</summary>
    private static CaseScenario Acknowledged(int fee = 5165)
    {
        var scenario = new CaseScenario(Definition, Filed);
        scenario.Submit(CaseId, Inputs, IstruttoreSue);
        scenario.Answer("catalogue", new { code = "SUE-CILA", title = "CILA", fees = new { segreteria = fee } });
        scenario.Answer("protocol", Protocol);
        scenario.Answer("receipt", Delivered);
        return scenario;
    }

    /// <summary>Visura and payment in on Wednesday 4 March: the check is due 4 March + 30 = Friday 3 April.</summary>
    private static CaseScenario AtCheck()
    {
        var scenario = Acknowledged();
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);
        scenario.At(Winter(2026, 3, 4, 9, 30)).Receive("payment-received", Receipt);
        scenario.OpenTasks().ShouldBe(["formal-check"]);
        return scenario;
    }

    private static void ShouldBeClosed(CaseScenario scenario, string outcome)
    {
        scenario.State.Status.ShouldBe(CaseStatus.Closed);
        scenario.State.Outcome.ShouldBe(outcome);
        scenario.State.Clocks.ShouldBeEmpty();
        scenario.History.OfType<DeadlineStarted>().ShouldBeEmpty();
    }

    // ── Filing, visura and diritti di segreteria ────────────────────────────────────────

    [Fact]
    public void the_cila_is_registered_and_acknowledged_with_no_term_running()
    {
        var scenario = new CaseScenario(Definition, Filed);
        scenario.Submit(CaseId, Inputs, IstruttoreSue).ShouldBeEvents(
            new CaseOpened(CaseId, "H769", "sue.cila", 1, Definition.ContentHash, "sue", Obj(Inputs), "marco.galli", Filed),
            new StepEntered("catalogue", "call", "main", 1),
            Requested("catalogue", "procedimarche.lookup", new { code = "SUE-CILA" }, Filed));

        scenario.Answer("catalogue", Catalogue).ShouldBeEvents(
            new IntegrationSucceeded("catalogue", "main", "procedimarche.lookup", 1, Obj(Catalogue)),
            new VariablesSet("catalogue", Obj(new { fee = 5165 })),
            new StepEntered("protocol", "call", "main", 1),
            Requested("protocol", "protocol.register", new
            {
                direction = "incoming", sender = MarioRossi, subject = "CILA – " + Intervention, document = Communication,
            }, Filed));

        scenario.Answer("protocol", Protocol).ShouldBeEvents(
            new IntegrationSucceeded("protocol", "main", "protocol.register", 1, Obj(Protocol)),
            new VariablesSet("protocol", Obj(new { protocolNumber = "0000061", protocolDate = "2026-03-02" })),
            new StepEntered("receipt", "call", "main", 1),
            Requested("receipt", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-receipt", subject = "CILA prot. 0000061 del 2026-03-02",
            }, Filed));

        scenario.Answer("receipt", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("receipt", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("checks", "parallel", "main", 1),
            new BranchesForked("checks", "main", "formal-check", ["checks/visura", "checks/needs-fee"]),
            new StepEntered("visura", "call", "checks/visura", 1),
            Requested("visura", "sigmater.visura", new { parcel = Parcel }, Filed, token: "checks/visura"),
            new StepEntered("needs-fee", "decision", "checks/needs-fee", 1),
            new DecisionTaken("needs-fee", "checks/needs-fee", "vars.fee > 0", "request-payment"),
            new StepEntered("request-payment", "call", "checks/needs-fee", 1),
            Requested("request-payment", "mpay.request-payment", new
            {
                payer = MarioRossi, amount = 5165, description = "Diritti di segreteria CILA – prot. 0000061",
            }, Filed, token: "checks/needs-fee"));
        scenario.State.Clocks.ShouldBeEmpty();
    }

    [Fact]
    public void the_check_opens_when_the_visura_and_the_payment_receipt_are_in()
    {
        var scenario = Acknowledged();

        scenario.Answer("visura", Visura).ShouldBeEvents(
            new IntegrationSucceeded("visura", "checks/visura", "sigmater.visura", 1, Obj(Visura)),
            new VariablesSet("visura", Obj(new { cadastre = Visura })),
            new BranchFinished("checks", "checks/visura", "formal-check"));

        // 15 days to pay: 2 March + 15 = Tuesday 17 March.
        scenario.Answer("request-payment", Avviso).ShouldBeEvents(
            new IntegrationSucceeded("request-payment", "checks/needs-fee", "mpay.request-payment", 1, Obj(Avviso)),
            new VariablesSet("request-payment", Obj(new { noticeNumber = "302000000001234660" })),
            new StepEntered("await-payment", "wait", "checks/needs-fee", 1),
            new WaitStarted("await-payment", "checks/needs-fee", "payment-received", EndOfWinterDay(2026, 3, 17), 1));

        scenario.At(Winter(2026, 3, 4, 9, 30)).Receive("payment-received", Receipt).ShouldBeEvents(
            new ExternalEventReceived("await-payment", "checks/needs-fee", "payment-received", Obj(Receipt)),
            new VariablesSet("await-payment", Obj(new { paidAt = "2026-03-04T09:12:00+01:00" })),
            new BranchFinished("checks", "checks/needs-fee", "formal-check"),
            new BranchesJoined("checks", "main", "formal-check"),
            new StepEntered("formal-check", "task", "main", 1),
            new TaskAssigned("formal-check", "main", "clerk", "SUE", CheckOutcomes, EndOfSummerDay(2026, 4, 3)));
    }

    [Fact]
    public void without_diritti_the_fees_branch_finishes_at_once_and_the_check_waits_for_the_visura()
    {
        var scenario = Acknowledged(fee: 0);

        scenario.LastEvents.OfType<DecisionTaken>().ShouldBeEvents(new DecisionTaken("needs-fee", "checks/needs-fee", "otherwise", "formal-check"));
        scenario.LastEvents.OfType<BranchFinished>().ShouldBeEvents(new BranchFinished("checks", "checks/needs-fee", "formal-check"));
        scenario.OpenTasks().ShouldBeEmpty();

        scenario.Answer("visura", Visura).OfType<BranchesJoined>().ShouldBeEvents(new BranchesJoined("checks", "main", "formal-check"));
        scenario.OpenTasks().ShouldBe(["formal-check"]);
    }

    [Fact]
    public void sigmater_down_turns_the_visura_into_a_manual_task_of_the_sue()
    {
        var scenario = Acknowledged();

        scenario.Fail("visura", "SigmaTER: 500 errore interno", transient: false).ShouldBeEvents(
            new IntegrationFailed("visura", "checks/visura", "sigmater.visura", 1, "SigmaTER: 500 errore interno", false),
            new StepEntered("manual-visura", "task", "checks/visura", 1),
            new TaskAssigned("manual-visura", "checks/visura", "clerk", "SUE", ["done"], EndOfWinterDay(2026, 3, 7)));

        var form = new { cadastreNotes = "Fg. 12 part. 345 sub. 3, cat. A/2 cl. 3, 6 vani, intestato a Rossi Mario" };
        scenario.Complete("manual-visura", "done", form, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("manual-visura", "checks/visura", "done", "marco.galli", "clerk", "SUE", Obj(form)),
            new VariablesSet("manual-visura", Obj(form)),
            new BranchFinished("checks", "checks/visura", "formal-check"));
    }

    [Fact]
    public void an_unpaid_avviso_gets_a_reminder_and_the_check_starts_anyway()
    {
        var scenario = Acknowledged();
        scenario.Answer("visura", Visura);
        scenario.Answer("request-payment", Avviso);

        scenario.WaitTimesOut("await-payment").ShouldBeEvents(
            new WaitTimedOut("await-payment", "checks/needs-fee", "payment-received"),
            new StepEntered("payment-reminder", "call", "checks/needs-fee", 1),
            Requested("payment-reminder", "notify.applicant", new
            {
                to = MarioRossi, template = "payment-reminder",
                subject = "CILA prot. 0000061: diritti non ancora pagati, avviso 302000000001234660",
            }, EndOfWinterDay(2026, 3, 17), token: "checks/needs-fee"));

        // The check is due 17 March + 30 = Thursday 16 April.
        scenario.Answer("payment-reminder", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("payment-reminder", "checks/needs-fee", "notify.applicant", 1, Obj(Delivered)),
            new BranchFinished("checks", "checks/needs-fee", "formal-check"),
            new BranchesJoined("checks", "main", "formal-check"),
            new StepEntered("formal-check", "task", "main", 1),
            new TaskAssigned("formal-check", "main", "clerk", "SUE", CheckOutcomes, EndOfSummerDay(2026, 4, 16)));
    }

    // ── Complete: filed ─────────────────────────────────────────────────────────────────

    [Fact]
    public void a_complete_cila_is_filed_and_archived()
    {
        var scenario = AtCheck();
        var checkedAt = Winter(2026, 3, 10, 10, 0);
        var form = new { notes = "Opere interne di manutenzione straordinaria (art. 3 c.1 lett. b): CILA completa" };

        scenario.At(checkedAt).Complete("formal-check", "complete", form, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("formal-check", "main", "complete", "marco.galli", "clerk", "SUE", Obj(form)),
            new VariablesSet("formal-check", Obj(new { checkNotes = form.notes, missing = (string?)null })),
            new StepEntered("file", "call", "main", 1),
            Requested("file", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-filed", subject = "CILA prot. 0000061: comunicazione completa, archiviata",
            }, checkedAt));
        scenario.Answer("file", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("file", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive", "call", "main", 1),
            Requested("archive", "digip.archive", new { protocolNumber = "0000061", documentType = "SUE-CILA", document = Communication }, checkedAt));
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001011" }).ShouldBeEvents(
            new IntegrationSucceeded("archive", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001011" })),
            new VariablesSet("archive", Obj(new { preservationId = "DIGIP-H769-2026-0001011" })),
            new StepEntered("archived", "end", "main", 1),
            new CaseClosed("archived", "archived", null));

        ShouldBeClosed(scenario, "archived");
        scenario.History.OfType<StepEntered>().Select(s => s.Step).ShouldBe([
            "catalogue", "protocol", "receipt", "checks", "visura", "needs-fee", "request-payment", "await-payment",
            "formal-check", "file", "archive", "archived"]);
    }

    [Fact]
    public void a_filing_notice_that_cannot_be_sent_does_not_stop_the_archive()
    {
        var scenario = AtCheck();
        scenario.Complete("formal-check", "complete", new { notes = "Completa" }, IstruttoreSue);

        scenario.Fail("file", "PEC: 550 casella inesistente", transient: false).ShouldBeEvents(
            new IntegrationFailed("file", "main", "notify.applicant", 1, "PEC: 550 casella inesistente", false),
            new StepEntered("archive", "call", "main", 1),
            Requested("archive", "digip.archive", new { protocolNumber = "0000061", documentType = "SUE-CILA", document = Communication },
                Winter(2026, 3, 4, 9, 30)));
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001012" });

        ShouldBeClosed(scenario, "archived");
    }

    // ── Integration ─────────────────────────────────────────────────────────────────────

    private static readonly object IntegrationForm = new
    {
        notes = "Manca l'elaborato grafico comparativo",
        missing = "Elaborato grafico dello stato di fatto, di progetto e comparativo (gialli e rossi) in scala 1:100",
    };

    private static readonly DateTimeOffset IntegrationAsked = Winter(2026, 3, 10, 10, 0);

    [Fact]
    public void an_integration_is_requested_with_thirty_days_and_the_recheck_files_it()
    {
        var scenario = AtCheck();

        scenario.At(IntegrationAsked).Complete("formal-check", "request-integration", IntegrationForm, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("formal-check", "main", "request-integration", "marco.galli", "clerk", "SUE", Obj(IntegrationForm)),
            new VariablesSet("formal-check", Obj(new
            {
                checkNotes = "Manca l'elaborato grafico comparativo",
                missing = "Elaborato grafico dello stato di fatto, di progetto e comparativo (gialli e rossi) in scala 1:100",
            })),
            new StepEntered("request-integration", "call", "main", 1),
            Requested("request-integration", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-integration-request",
                subject = "CILA prot. 0000061: richiesta di integrazione entro 30 giorni",
                request = "Elaborato grafico dello stato di fatto, di progetto e comparativo (gialli e rossi) in scala 1:100",
            }, IntegrationAsked));

        // 30 days from 10 March: Thursday 9 April, to the end of the day.
        scenario.Answer("request-integration", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("request-integration", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("await-integration", "wait", "main", 1),
            new WaitStarted("await-integration", "main", "documents-received", EndOfSummerDay(2026, 4, 9), 1));

        // Re-check due 25 March + 15 = Thursday 9 April.
        var payload = new
        {
            documents = new[] { Document("tavola-comparativa.pdf.p7m", "d22898a290ef6be3e1fa83400c6b7c4551b6145261c646845955c548bfc2b56f", 3_540_221) },
        };
        scenario.At(Winter(2026, 3, 25, 10, 0)).Receive("documents-received", payload).ShouldBeEvents(
            new ExternalEventReceived("await-integration", "main", "documents-received", Obj(payload)),
            new StepEntered("recheck", "task", "main", 1),
            new TaskAssigned("recheck", "main", "clerk", "SUE", ["complete", "still-incomplete"], EndOfSummerDay(2026, 4, 9)));

        var recheckedAt = Summer(2026, 4, 2, 11, 0);
        scenario.At(recheckedAt).Complete("recheck", "complete", new { notes = "Tavola comparativa conforme" }, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("recheck", "main", "complete", "marco.galli", "clerk", "SUE", Obj(new { notes = "Tavola comparativa conforme" })),
            new VariablesSet("recheck", Obj(new { checkNotes = "Tavola comparativa conforme" })),
            new StepEntered("file", "call", "main", 1),
            Requested("file", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-filed", subject = "CILA prot. 0000061: comunicazione completa, archiviata",
            }, recheckedAt));
        scenario.Answer("file", Delivered);
        scenario.Answer("archive", new { id = "DIGIP-H769-2026-0001201" });

        ShouldBeClosed(scenario, "archived");
    }

    [Fact]
    public void no_integration_within_thirty_days_makes_the_communication_ineffective()
    {
        var scenario = AtCheck();
        scenario.At(IntegrationAsked).Complete("formal-check", "request-integration", IntegrationForm, IstruttoreSue);
        scenario.Answer("request-integration", Delivered);

        scenario.WaitTimesOut("await-integration").ShouldBeEvents(
            new WaitTimedOut("await-integration", "main", "documents-received"),
            new StepEntered("ineffective", "call", "main", 1),
            Requested("ineffective", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-ineffective", subject = "CILA prot. 0000061: comunicazione inefficace",
                notes = "Manca l'elaborato grafico comparativo",
            }, EndOfSummerDay(2026, 4, 9)));
        scenario.Answer("ineffective", Delivered).ShouldBeEvents(
            new IntegrationSucceeded("ineffective", "main", "notify.applicant", 1, Obj(Delivered)),
            new StepEntered("archive-ineffective", "call", "main", 1),
            Requested("archive-ineffective", "digip.archive", new { protocolNumber = "0000061", documentType = "SUE-CILA", document = Communication },
                EndOfSummerDay(2026, 4, 9)));
        scenario.Answer("archive-ineffective", new { id = "DIGIP-H769-2026-0001305" }).ShouldBeEvents(
            new IntegrationSucceeded("archive-ineffective", "main", "digip.archive", 1, Obj(new { id = "DIGIP-H769-2026-0001305" })),
            new VariablesSet("archive-ineffective", Obj(new { preservationId = "DIGIP-H769-2026-0001305" })),
            new StepEntered("rejected", "end", "main", 1),
            new CaseClosed("rejected", "rejected", null));

        ShouldBeClosed(scenario, "rejected");
    }

    [Fact]
    public void an_integration_still_incomplete_makes_the_communication_ineffective()
    {
        var scenario = AtCheck();
        scenario.At(IntegrationAsked).Complete("formal-check", "request-integration", IntegrationForm, IstruttoreSue);
        scenario.Answer("request-integration", Delivered);
        scenario.At(Winter(2026, 3, 25, 10, 0)).Receive("documents-received", new { documents = Array.Empty<object>() });

        var form = new { notes = "La tavola inviata non riporta lo stato di fatto" };
        var rejectedAt = Summer(2026, 4, 2, 11, 0);
        EventText.Types(scenario.At(rejectedAt).Complete("recheck", "still-incomplete", form, IstruttoreSue))
            .ShouldBe(["TaskCompleted", "VariablesSet", "StepEntered", "IntegrationRequested"]);
        scenario.LastEvents.OfType<IntegrationRequested>().ShouldBeEvents(Requested("ineffective", "notify.applicant", new
        {
            to = MarioRossi, template = "cila-ineffective", subject = "CILA prot. 0000061: comunicazione inefficace", notes = form.notes,
        }, rejectedAt));
        scenario.Answer("ineffective", Delivered);
        scenario.Answer("archive-ineffective", new { id = "DIGIP-H769-2026-0001306" });

        ShouldBeClosed(scenario, "rejected");
        scenario.History.OfType<StepEntered>().Select(s => s.Step).SkipWhile(s => s != "formal-check").ShouldBe([
            "formal-check", "request-integration", "await-integration", "recheck", "ineffective", "archive-ineffective", "rejected"]);
    }

    // ── Not a CILA ──────────────────────────────────────────────────────────────────────

    [Fact]
    public void works_that_need_another_title_make_the_communication_ineffective_and_its_notice_must_arrive()
    {
        var scenario = AtCheck();
        var form = new { notes = "L'apertura di una nuova finestra in facciata richiede SCIA (art. 22): la CILA non è il titolo" };
        var checkedAt = Winter(2026, 3, 12, 9, 0);

        scenario.At(checkedAt).Complete("formal-check", "not-cila", form, IstruttoreSue).ShouldBeEvents(
            new TaskCompleted("formal-check", "main", "not-cila", "marco.galli", "clerk", "SUE", Obj(form)),
            new VariablesSet("formal-check", Obj(new { checkNotes = form.notes, missing = (string?)null })),
            new StepEntered("ineffective", "call", "main", 1),
            Requested("ineffective", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-ineffective", subject = "CILA prot. 0000061: comunicazione inefficace", notes = form.notes,
            }, checkedAt));

        // No onFailure: the applicant must learn the works are not covered, so an incident.
        scenario.Fail("ineffective", "PEC: 550 casella inesistente", transient: false).ShouldBeEvents(
            new IntegrationFailed("ineffective", "main", "notify.applicant", 1, "PEC: 550 casella inesistente", false),
            new IncidentRaised("ineffective", "main", "notify.applicant", 1, "permanent failure: PEC: 550 casella inesistente"));
        scenario.MainStep.ShouldBe("ineffective");
        scenario.State.Status.ShouldBe(CaseStatus.Open);

        var retried = Winter(2026, 3, 12, 15, 0);
        scenario.At(retried).When(new RetryIncident("ineffective", IstruttoreSue)).ShouldBeEvents(
            new IncidentResolved("ineffective", "main", "retried", "marco.galli"),
            Requested("ineffective", "notify.applicant", new
            {
                to = MarioRossi, template = "cila-ineffective", subject = "CILA prot. 0000061: comunicazione inefficace", notes = form.notes,
            }, retried, attempt: 2));
        scenario.Answer("ineffective", Delivered);
        scenario.Answer("archive-ineffective", new { id = "DIGIP-H769-2026-0001090" });

        ShouldBeClosed(scenario, "rejected");
    }
}
