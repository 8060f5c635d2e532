using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// A SCIA from filing to preservation against the sandbox simulators, over real HTTP: the
/// procedure and its fees from ProcediMarche, a protocol number, the cadastral visura, an
/// avviso paid and its receipt called back, mail to the applicant, the SIP accepted by DigiP.
/// </summary>
public sealed class when_a_scia_runs_against_the_regional_systems : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _suap = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_scia_runs_against_the_regional_systems), scripted: false);
        _suap = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _suap.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task it_closes_archived_with_every_step_in_the_audit_trail()
    {
        var inputs = Scia.Inputs(withParcel: true);
        inputs["segnalazione"] = await _suap.UploadAsync("scia.pdf.p7m", "SCIA – apertura esercizio di vicinato, via Roma 1");
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", "suap.scia", inputs, Scia.Sportello);
        var caseId = opened.CaseId;

        var events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(), "the formal check");
        var variables = Variables(events);
        variables["fee"]!.GetValue<long>().ShouldBeGreaterThan(0);                      // ProcediMarche's fee for San Benedetto
        variables["protocolNumber"]!.GetValue<string>().ShouldMatch(@"^\d{7,}$");      // DPR 445/2000: at least 7 digits
        (await _host.CompleteAsync(caseId, "formal-check", "complete")).Status.ShouldBe(CommandStatus.Accepted);

        events = await _host.WhenAsync(caseId, e => e.OfType<WaitStarted>().Any(w => w.Step == "await-payment"), "the avviso");
        var notice = Variables(events)["noticeNumber"]!.GetValue<string>();
        notice.ShouldMatch(@"^3\d{17}$");
        await _host.PayAsync(notice);

        events = await _host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "control-review"), "the control review");
        events.OfType<ExternalEventReceived>().Single().Payload["noticeNumber"]!.GetValue<string>().ShouldBe(notice);
        Variables(events)["cadastre"]!.AsObject().ShouldContainKey("found");
        (await _host.CompleteAsync(caseId, "control-review", "compliant", new JsonObject { ["notes"] = "requisiti verificati" }))
            .Status.ShouldBe(CommandStatus.Accepted);

        events = await _host.WhenAsync(caseId, e => e.OfType<CaseClosed>().Any(), "the case closed");
        events.OfType<CaseClosed>().Single().Outcome.ShouldBe("archived");
        Variables(events)["preservationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        events.OfType<IntegrationSucceeded>().Select(s => s.Activity).Distinct().Order().ShouldBe(
            ["digip.archive", "mpay.request-payment", "notify.applicant", "procedimarche.lookup", "protocol.register", "sigmater.visura"]);
        // The receipt of the SCIA, the avviso pagoPA and the outcome of the control.
        var mail = await _host.MailToAsync("mario.rossi@pec.it");
        mail.Count.ShouldBe(3);
        // The avviso gives the payer what pays it, each under its Italian label: the codice avviso, San Benedetto del
        // Tronto's codice fiscale (enti.csv), the amount and the due date.
        var avviso = mail.Select(m => m!["text"]!.GetValue<string>()).Single(text => text.Contains("Codice avviso"));
        avviso.ShouldContain("Codice avviso: " + notice);
        avviso.ShouldContain("Codice fiscale dell'ente creditore: 00360140446");
        avviso.ShouldContain("Importo: € ");
        avviso.ShouldContain("Scadenza: ");
        (await _host.Verifier.VerifyAsync("H769", caseId)).Intact.ShouldBeTrue();
    }

    private static JsonObject Variables(IEnumerable<object> events)
    {
        var all = new JsonObject();
        foreach (var set in events.OfType<VariablesSet>())
            foreach (var (name, value) in set.Values) all[name] = value?.DeepClone();
        return all;
    }
}
