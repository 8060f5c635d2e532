using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Cases;
using System.Text.Json.Nodes;
using Sys2.Host.Files;
using Sys2.Host.Tests.Harness;
using Sys2.Invoices;
using Sys2.Workflows.Cases.Events;
using static Sys2.Host.Tests.Invoices.InvoiceSandbox;

namespace Sys2.Host.Tests.Invoices;

/// <summary>
/// E-invoices end to end against the IntermediaMarche/SdI simulator, over real HTTP: delivered with
/// their MT, routed by office code, registered, accepted or rejected through SdI within the 15 days
/// or left to the decorrenza termini, liquidated, paid and preserved with SdI's messages; the
/// supplier told at each step. One host for the class: each test delivers its own files.
/// </summary>
public sealed class when_an_invoice_arrives_from_intermediamarche : IAsyncLifetime
{
    private CaseHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseHost.StartAsync(nameof(when_an_invoice_arrives_from_intermediamarche), scripted: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task an_accepted_invoice_is_paid_and_preserved_with_its_sdi_messages()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, signed = true, supplier = 0, taxableCents = 120_000 });
        delivery["status"]!.GetValue<int>().ShouldBe(200, delivery.ToJsonString());
        delivery["answer"]!["status"]!.GetValue<string>().ShouldBe("Received");
        delivery["answer"]!["signer"]!.GetValue<string>().ShouldContain("Fornitore di prova");
        var caseId = CaseOf(delivery);
        caseId.ShouldStartWith("FATT-H769-");

        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "assign"), "the assignment");
        // The liquidation checks of the file, made at receipt: 1,200.00 + 22% VAT, not split, with its CIG.
        var checks = events.OfType<CaseOpened>().Single().Inputs["checks"]!;
        checks["liquidable"]!.GetValue<bool>().ShouldBeTrue(checks.ToJsonString());
        checks["amountToSupplierCents"]!.GetValue<long>().ShouldBe(146_400);
        var variables = Variables(events);
        variables["protocolNumber"]!.GetValue<string>().ShouldMatch(@"^\d{7,}$");
        (await _host.DoAsync(caseId, "assign", "assigned", new JsonObject { ["office"] = "Lavori pubblici" })).Status.ShouldBe(CommandStatus.Accepted);
        (await _host.DoAsync(caseId, "verify", "accept", new JsonObject { ["notes"] = "fornitura conforme all'ordine" })).Status.ShouldBe(CommandStatus.Accepted);

        // SdI's NE comes back by itself, and the case moves on to the liquidation.
        events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "liquidation"), "the liquidation after the NE");
        variables = Variables(events);
        variables["esito"]!.GetValue<string>().ShouldBe("EC01");
        variables["sdiMessage"]!.GetValue<string>().ShouldBe("NE");
        var sent = await StoredAsync(variables["outcomeMessage"]!);
        var outcome = SdiMessages.Read(sent).Message.ShouldBeOfType<NotificaEsitoCommittente>();   // valid against MessaggiTypes v1.1
        outcome.Esito.ShouldBe(EsitoCommittente.EC01);
        outcome.IdentificativoSdI.ShouldBe(delivery["identificativoSdI"]!.GetValue<string>());

        (await _host.DoAsync(caseId, "liquidation", "liquidated", new JsonObject { ["act"] = "DL 123/2026" })).Status.ShouldBe(CommandStatus.Accepted);
        (await _host.DoAsync(caseId, "payment-order", "ordered", new JsonObject { ["order"] = "M-4411", ["date"] = "2026-03-20" }))
            .Status.ShouldBe(CommandStatus.Accepted);
        events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case closed");
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("paid");
        Variables(events)["preservationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        events.OfType<IncidentRaised>().ShouldBeEmpty();

        // The EC sent and the NE received reached DigiP (which took the SIP) each with its own registration data, not the
        // invoice's protocol entry: IdentificativoSdI_MessageId and the message's own date (Allegato 5, TipoRegistro Nessuno).
        var identificativoSdI = delivery["identificativoSdI"]!.GetValue<string>();
        var messages = events.OfType<IntegrationRequested>().Last(r => r.Activity == "digip.archive").Input["attachments"]!.AsArray();
        messages.Select(m => m!["flow"]!.GetValue<string>()).ShouldBe(["U", "E"]);
        messages[0]!["identifier"]!.GetValue<string>().ShouldBe(identificativoSdI + "_" + Variables(events)["outcomeMessageId"]!.GetValue<string>());
        messages[1]!["identifier"]!.GetValue<string>().ShouldStartWith(identificativoSdI + "_");
        foreach (var message in messages) message!["date"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

        // Received, assigned, accepted, liquidated, paid: five notices by e-mail to the supplier's address in the invoice.
        (await _host.MailToAsync("amministrazione@cartoleria-adriatica.example.it")).Count.ShouldBe(5);
        (await _host.Verifier.VerifyAsync("H769", caseId)).Intact.ShouldBeTrue();

        // The ITP of the quarter (DPCM 22/9/2014): the only invoice paid in Q1 in this host, due on 31 March (the
        // supplier's DataScadenzaPagamento, 30 days after its date) and ordered on 20 March: 11 days early.
        var itp = await _host.Operator.GetJsonAsync<JsonObject>("/api/invoices/timeliness?entity=H769&quarter=2026Q1");
        itp["timeliness"]!["indicator"]!.GetValue<decimal>().ShouldBe(-11m, itp.ToJsonString());
        itp["timeliness"]!["paidCount"]!.GetValue<int>().ShouldBe(1);
        itp["timeliness"]!["paidCents"]!.GetValue<long>().ShouldBe(146_400);
    }

    [Fact]
    public async Task a_rejected_invoice_sends_ec02_with_its_reason_and_is_archived()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, supplier = 1 });
        var caseId = CaseOf(delivery);
        (await _host.DoAsync(caseId, "assign", "assigned", new JsonObject { ["office"] = "Ragioneria" })).Status.ShouldBe(CommandStatus.Accepted);
        (await _host.DoAsync(caseId, "verify", "reject", new JsonObject { ["notes"] = "nessun ordine", ["reason"] = "Fattura non riferibile ad alcun ordine dell'ente" }))
            .Status.ShouldBe(CommandStatus.Accepted);

        var events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case archived");
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
        var variables = Variables(events);
        var outcome = SdiMessages.Read(await StoredAsync(variables["outcomeMessage"]!)).Message.ShouldBeOfType<NotificaEsitoCommittente>();
        outcome.Esito.ShouldBe(EsitoCommittente.EC02);
        outcome.Descrizione.ShouldBe("Fattura non riferibile ad alcun ordine dell'ente");
        var file = (await _host.SdiFilesAsync()).Single(f => f!["identificativoSdI"]!.GetValue<string>() == delivery["identificativoSdI"]!.GetValue<string>())!;
        file["outcomes"]!["1"]!.GetValue<string>().ShouldBe("EC02");
    }

    [Fact]
    public async Task without_an_outcome_in_15_days_the_decorrenza_termini_leads_to_liquidation_and_sdi_s_dt_is_preserved_with_the_invoice()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, supplier = 2 });
        var caseId = CaseOf(delivery);
        var identificativoSdI = delivery["identificativoSdI"]!.GetValue<string>();
        (await _host.DoAsync(caseId, "assign", "assigned", new JsonObject { ["office"] = "Ragioneria" })).Status.ShouldBe(CommandStatus.Accepted);

        // The case's 15 days end: decorrenza termini, and the case waits (two days at most) for SdI's DT.
        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(16));
        var events = await _host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-dt"), "the wait for the DT");
        events.OfType<DeadlineExpired>().ShouldContain(d => d.Clock == "outcome" && d.Effect == "decorrenza-termini");

        // SdI's own DT for the file reaches the host and the case takes it, then goes on to the liquidation.
        (await _host.Operator.PostAsync("/sandbox/intermediamarche/decorrenza", null)).EnsureSuccessStatusCode();
        events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "liquidation"), "the liquidation after the DT");
        var variables = Variables(events);
        SdiMessages.Read(await StoredAsync(variables["dtMessage"]!)).Message.ShouldBeOfType<NotificaDecorrenzaTermini>()
            .IdentificativoSdI.ShouldBe(identificativoSdI);

        // Found not payable: archived (archive-rejected), with the DT all the same.
        (await _host.DoAsync(caseId, "liquidation", "not-payable", new JsonObject { ["act"] = "DURC irregolare" })).Status.ShouldBe(CommandStatus.Accepted);
        events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case archived");
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        ShouldPreserveTheDt(events, identificativoSdI);
    }

    [Fact]
    public async Task a_dt_that_comes_before_the_case_s_own_fifteen_days_end_is_kept_and_found_when_the_case_waits_for_it()
    {
        // SdI counts its 15 days from the delivery instant, the case to the end of the 15th day (Italian time):
        // 15 days and an hour after the delivery SdI sends the DT while the case still waits for the verification.
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, supplier = 2 });
        var caseId = CaseOf(delivery);
        var identificativoSdI = delivery["identificativoSdI"]!.GetValue<string>();
        (await _host.DoAsync(caseId, "assign", "assigned", new JsonObject { ["office"] = "Ragioneria" })).Status.ShouldBe(CommandStatus.Accepted);
        // The supplier is told of the assignment first (an e-mail through the sandbox), then the verification opens.
        await _host.TaskOpenAsync(caseId, "verify");
        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(15) + TimeSpan.FromHours(1));
        (await _host.Operator.PostAsync("/sandbox/intermediamarche/decorrenza", null)).EnsureSuccessStatusCode();

        // Nothing of the case waits for it: it is kept with the received file.
        var fileId = "sdi-" + identificativoSdI;
        var file = await Eventually.HoldsAsync(() => _host.Operator.GetJsonAsync<JsonObject>($"/api/invoices/files/{fileId}"),
            f => f["messages"]!.AsArray().Any(m => m!["type"]!.GetValue<string>() == "DT"), "the DT kept on the file");
        (await _host.EventsOf(caseId)).OfType<DeadlineExpired>().ShouldBeEmpty();
        (await _host.EventsOf(caseId)).OfType<TaskAssigned>().Last().Step.ShouldBe("verify");

        // The case's own 15 days end: it waits for the DT and is handed the one kept, with the date it was received.
        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(1));
        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "liquidation"), "the liquidation after the kept DT");
        events.OfType<WaitTimedOut>().ShouldBeEmpty();
        var kept = file["messages"]!.AsArray().First(m => m!["type"]!.GetValue<string>() == "DT")!;
        var variables = Variables(events);
        variables["dtMessage"]!["sha256"]!.GetValue<string>().ShouldBe(kept["sha256"]!.GetValue<string>());
        DateTimeOffset.Parse(variables["dtReceivedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.Parse(kept["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));

        (await _host.DoAsync(caseId, "liquidation", "not-payable", new JsonObject { ["act"] = "Nota di credito attesa" })).Status.ShouldBe(CommandStatus.Accepted);
        events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case archived");
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        ShouldPreserveTheDt(events, identificativoSdI);
    }

    [Fact]
    public async Task an_outcome_sent_after_sdi_s_fifteen_days_is_discarded_and_the_invoice_is_preserved_with_the_ec_the_se_and_the_dt()
    {
        // SdI's 15 days ran out an hour ago (the case's own run to the end of the day): SdI sent its DT, kept on the file.
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, supplier = 1 });
        var caseId = CaseOf(delivery);
        var identificativoSdI = delivery["identificativoSdI"]!.GetValue<string>();
        (await _host.DoAsync(caseId, "assign", "assigned", new JsonObject { ["office"] = "Ragioneria" })).Status.ShouldBe(CommandStatus.Accepted);
        await _host.Timers.AdvanceAsync(TimeSpan.FromDays(15) + TimeSpan.FromHours(1));
        (await _host.Operator.PostAsync("/sandbox/intermediamarche/decorrenza", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => _host.Operator.GetJsonAsync<JsonObject>($"/api/invoices/files/sdi-{identificativoSdI}"),
            f => f["messages"]!.AsArray().Any(m => m!["type"]!.GetValue<string>() == "DT"), "the DT kept on the file");

        // The EC01 sent now is discarded by SdI (SE, EN01); the case takes the DT kept, then the clerk decides.
        (await _host.DoAsync(caseId, "verify", "accept", new JsonObject { ["notes"] = "conforme" })).Status.ShouldBe(CommandStatus.Accepted);
        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "outcome-discarded"), "the SE to the clerk");
        events.OfType<WaitTimedOut>().ShouldBeEmpty();
        Variables(events)["sdiMessage"]!.GetValue<string>().ShouldBe("SE");
        (await _host.DoAsync(caseId, "outcome-discarded", "not-payable", new JsonObject { ["notes"] = "nota di credito chiesta" })).Status.ShouldBe(CommandStatus.Accepted);

        events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case archived");
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        var attachments = events.OfType<IntegrationRequested>().Last(r => r.Activity == "digip.archive").Input["attachments"]!.AsArray();
        attachments.Select(m => m!["documentType"]!.GetValue<string>()).ShouldBe([
            "Notifica di esito committente EC01 (SdI)", "Scarto esito committente (SE, SdI)", "Notifica di decorrenza termini (DT, SdI)"]);
        var variables = Variables(events);
        attachments[2]!["identifier"]!.GetValue<string>().ShouldBe(identificativoSdI + "_" + variables["dtMessageId"]!.GetValue<string>());
        Variables(events)["preservationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>
    /// The DT reached DigiP (which took the SIP) with its own registration data (Allegato 5, TipoRegistro Nessuno):
    /// IdentificativoSdI_MessageId, the date the entity received it, flow E.
    /// </summary>
    private static void ShouldPreserveTheDt(IReadOnlyList<object> events, string identificativoSdI)
    {
        var variables = Variables(events);
        variables["preservationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        var attachments = events.OfType<IntegrationRequested>().Last(r => r.Activity == "digip.archive").Input["attachments"]!.AsArray();
        var dt = attachments.Single()!;
        dt["flow"]!.GetValue<string>().ShouldBe("E");
        dt["documentType"]!.GetValue<string>().ShouldBe("Notifica di decorrenza termini (DT, SdI)");
        dt["sha256"]!.GetValue<string>().ShouldBe(variables["dtMessage"]!["sha256"]!.GetValue<string>());
        dt["identifier"]!.GetValue<string>().ShouldBe(identificativoSdI + "_" + variables["dtMessageId"]!.GetValue<string>());
        variables["dtMessageId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        dt["date"]!.GetValue<string>().ShouldBe(variables["dtReceivedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_split_payment_invoice_pays_the_supplier_the_taxable_amount_only()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, supplier = 5, splitPayment = true, taxableCents = 500_000, cig = "" });
        var caseId = CaseOf(delivery);
        var events = await _host.WhenAsync(caseId, e => e.OfType<CaseOpened>().Any(), "the case");
        var inputs = events.OfType<CaseOpened>().Single().Inputs;
        inputs["payableAmount"]!.GetValue<long>().ShouldBe(500_000);          // VAT goes to the State (DPR 633/1972 art. 17-ter)
        inputs["checks"]!["vatToStateCents"]!.GetValue<long>().ShouldBe(110_000);
        inputs["checks"]!["liquidable"]!.GetValue<bool>().ShouldBeFalse();     // no CIG: each failure is named
        inputs["checks"]!["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain(p => p.Contains("CIG"));
    }

    [Fact]
    public async Task a_lotto_opens_one_case_per_invoice_and_a_second_delivery_opens_none()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, invoices = 3, supplier = 3, number = "L-77" });
        var cases = delivery["answer"]!["invoices"]!.AsArray().Select(i => i!["caseId"]!.GetValue<string>()).ToList();
        cases.Count.ShouldBe(3);
        cases.Distinct().Count().ShouldBe(3);

        // The same invoices again in another SdI file (a supplier who sent twice): recognised, not opened.
        var again = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, invoices = 3, supplier = 3, number = "L-77" });
        again["answer"]!["invoices"]!.AsArray().Select(i => i!["duplicateOf"]!.GetValue<string>()).ShouldBe(cases);
        again["answer"]!["invoices"]!.AsArray().ShouldAllBe(i => i!["caseId"] == null);
    }

    [Fact]
    public async Task the_same_lotto_delivered_twice_at_once_is_received_whole_once()
    {
        // Two deliveries of one SdI file racing each other (the intermediary retrying a delivery it thought lost):
        // the file, its bytes, its three cases and their keys commit in one transaction, so one delivery receives
        // the whole file and the other answers what it recorded, with the same cases.
        var (name, xml, _) = Sys2.Sandbox.IntermediaMarche.SampleInvoices.Build(
            new Sys2.Sandbox.IntermediaMarche.SampleInvoiceRequest(SanBenedetto, Invoices: 3, Supplier: 4), new Random(5), "R0001", new DateOnly(2026, 3, 1));
        var ingest = _host.Services.GetRequiredService<Sys2.Host.Invoices.InvoiceIngest>();
        Task<Sys2.Host.Invoices.IngestOutcome> Deliver() => Task.Run(() => ingest.ReceiveAsync(
            new Sys2.Host.Invoices.InvoiceDelivery(Sys2.Host.Invoices.InvoiceDelivery.IntermediaMarche, name, xml, _host.Clock.GetUtcNow(), "770000001"),
            CancellationToken.None));

        var both = await Task.WhenAll(Deliver(), Deliver());

        both.Count(o => !o.AlreadyReceived).ShouldBe(1);
        var cases = both.Select(o => o.File.Invoices.Select(i => i.CaseId).ToList()).ToList();
        cases[0].Count.ShouldBe(3);
        cases[0].ShouldAllBe(c => c != null);
        cases[1].ShouldBe(cases[0]);
        await using var query = _host.Store.QuerySession("H769");
        var opened = await Marten.QueryableExtensions.CountAsync(query.Query<Sys2.Host.Invoices.InvoiceKey>().Where(k => k.FileId == "sdi-770000001"));
        opened.ShouldBe(3);
        (await query.LoadManyAsync<Sys2.Host.Views.CaseSummary>(cases[0].Select(c => c!).ToArray())).Count.ShouldBe(3);
        // Each case's opening events name its own opening command as their cause, though the three committed together.
        // (Only the opening's: the sandbox's protocol answer may already have moved a case on, with a cause of its own.)
        for (var position = 1; position <= 3; position++)
        {
            var command = Sys2.Host.Engine.StableId.For($"invoice:H769:sdi-770000001:{position}");
            var opening = (await query.LoadAsync<Sys2.Host.Cases.ProcessedCommand>(command)).ShouldNotBeNull();
            opening.CaseId.ShouldBe(cases[0][position - 1]);
            (await query.Events.FetchStreamAsync(opening.CaseId, opening.Version)).Select(e => e.CausationId).Distinct()
                .ShouldHaveSingleItem().ShouldBe(command.ToString());
        }
    }

    [Fact]
    public async Task a_tampered_or_invalid_file_is_kept_with_its_reasons_for_the_operators()
    {
        var tampered = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, signed = true, tamper = "signature" });
        tampered["answer"]!["status"]!.GetValue<string>().ShouldBe("Refused");
        var invalid = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, tamper = "schema" });
        invalid["answer"]!["status"]!.GetValue<string>().ShouldBe("Refused");
        invalid["answer"]!["problems"]!.AsArray().Select(p => p!["message"]!.GetValue<string>()).ShouldContain(m => m.Contains("Numero"));
        var altered = await _host.DeliverAsync(new { codiceDestinatario = SanBenedetto, tamper = "metadata" });
        altered["answer"]!["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ShouldContain("metadata-mismatch");

        // Refused files belong to no entity: the aggregation's operator sees them, an entity's operator does not.
        using var aggregation = new ClerkClient(_host.Address, TestAccounts.GiuliaRossetti);
        var refused = await aggregation.GetJsonAsync<JsonArray>("/api/invoices/files?entity=*&status=Refused");
        refused.Select(f => f!["fileName"]!.GetValue<string>()).ShouldContain(tampered["fileName"]!.GetValue<string>());
        (await _host.Operator.GetAsync($"/api/invoices/files/{tampered["answer"]!["id"]!.GetValue<string>()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Nothing is lost: the bytes are kept as received.
        var kept = await _host.Services.GetRequiredService<FileContents>().FindAsync("*", tampered["sha256"]!.GetValue<string>(), default);
        kept.ShouldNotBeNull();
    }

    [Fact]
    public async Task an_unknown_office_code_waits_for_a_route_and_is_then_received()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = "ZZ9999", supplier = 4 });
        delivery["answer"]!["status"]!.GetValue<string>().ShouldBe("Unrouted");
        delivery["answer"]!["problems"]!.AsArray().Single()!["code"]!.GetValue<string>().ShouldBe("unknown-office-code");

        (await _host.Operator.PutAsync("/api/invoices/routes/ZZ9999", new { entity = "H769", office = "Ragioneria", description = "Servizi sociali" }))
            .EnsureSuccessStatusCode();
        using var aggregation = new ClerkClient(_host.Address, TestAccounts.GiuliaRossetti);
        var again = await aggregation.PostAsync($"/api/invoices/files/{delivery["answer"]!["id"]!.GetValue<string>()}/receive-again", null);
        var file = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        file["status"]!.GetValue<string>().ShouldBe("Received", file.ToJsonString());
        file["invoices"]!.AsArray().Single()!["caseId"]!.GetValue<string>().ShouldStartWith("FATT-H769-");
    }

    [Fact]
    public async Task an_unroutable_file_is_rejected_by_the_aggregation_s_operator_with_an_ec02()
    {
        var delivery = await _host.DeliverAsync(new { codiceDestinatario = "ZZ8888", invoices = 2, supplier = 5 });
        var id = delivery["answer"]!["id"]!.GetValue<string>();
        using var aggregation = new ClerkClient(_host.Address, TestAccounts.GiuliaRossetti);
        var empty = await aggregation.PostAsync($"/api/invoices/files/{id}/reject", new { reason = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var rejected = await aggregation.PostAsync($"/api/invoices/files/{id}/reject", new { reason = "Destinatario sconosciuto: nessun ente della aggregazione" });
        var file = (await rejected.Content.ReadFromJsonAsync<JsonObject>())!;
        file["status"]!.GetValue<string>().ShouldBe("Rejected", file.ToJsonString());
        file["messages"]!.AsArray().Count(m => m!["type"]!.GetValue<string>() == "EC").ShouldBe(2);   // one EC02 per invoice of the lotto
        var sdi = (await _host.SdiFilesAsync()).Single(f => f!["identificativoSdI"]!.GetValue<string>() == delivery["identificativoSdI"]!.GetValue<string>())!;
        sdi["outcomes"]!["1"]!.GetValue<string>().ShouldBe("EC02");
        sdi["outcomes"]!["2"]!.GetValue<string>().ShouldBe("EC02");
        // Rejected once: a second rejection is refused.
        (await aggregation.PostAsync($"/api/invoices/files/{id}/reject", new { reason = "di nuovo" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task only_an_operator_drives_the_simulator_and_a_delivery_needs_the_intermediary_s_signature()
    {
        using var clerk = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
        (await clerk.PostAsync("/sandbox/intermediamarche/deliveries", new { codiceDestinatario = SanBenedetto })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = new HttpClient { BaseAddress = _host.Address };
        (await anonymous.PostAsJsonAsync("/sandbox/intermediamarche/deliveries", new { codiceDestinatario = SanBenedetto })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        // A forged delivery (no signature) is refused and opens nothing.
        var forged = await anonymous.PostAsJsonAsync("/api/integrations/intermediamarche/files",
            new { fileName = "IT01234567897_99999.xml", contentBase64 = Convert.ToBase64String("<x/>"u8.ToArray()) });
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<byte[]> StoredAsync(JsonNode document) =>
        (await _host.Services.GetRequiredService<FileContents>().FindAsync("H769", document["sha256"]!.GetValue<string>(), default)).ShouldNotBeNull();
}
