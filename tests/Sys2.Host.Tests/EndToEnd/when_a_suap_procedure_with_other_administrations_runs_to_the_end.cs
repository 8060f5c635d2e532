using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// The SUAP definitions that involve other administrations (SCIA unica, SCIA condizionata, the
/// conferenza di servizi), from filing to preservation against the sandbox over real HTTP: their
/// ProcediMarche entries exist, the outgoing registrations (the forwarding to the competent
/// administration, the conferenza's final determination) are accepted, DigiP accepts the SIP.
/// </summary>
public sealed class when_a_suap_procedure_with_other_administrations_runs_to_the_end : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _frontOffice = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_a_suap_procedure_with_other_administrations_runs_to_the_end), scripted: false);
        _frontOffice = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _frontOffice.Dispose();
        await _host.DisposeAsync();
    }

    public static TheoryData<string, string, string> Procedures => new()
    {
        { "suap.scia-unica", "segnalazione", "archived" },
        { "suap.scia-condizionata", "segnalazione", "archived" },
        { "suap.conferenza-servizi", "application", "approved" },
    };

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task the_case_closes_preserved_with_an_intact_audit_trail(string definition, string document, string outcome)
    {
        var inputs = Inputs(definition);
        inputs[document] = await _frontOffice.UploadAsync($"{definition}.pdf.p7m", $"{definition}: domanda firmata, {Guid.NewGuid()}");
        var opened = await _host.Cases.OpenAsync(Guid.NewGuid(), "H769", definition, inputs, Scia.Sportello);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);

        var events = await new CaseDriver(_host).RunToEndAsync(opened.CaseId);

        events.OfType<CaseClosed>().Single().Outcome.ShouldBe(outcome);
        events.OfType<IncidentRaised>().ShouldBeEmpty();
        var succeeded = events.OfType<IntegrationSucceeded>().Select(s => s.Activity).ToHashSet();
        succeeded.IsSupersetOf(["procedimarche.lookup", "protocol.register", "digip.archive"]).ShouldBeTrue(string.Join(", ", succeeded));
        (await _host.Verifier.VerifyAsync("H769", opened.CaseId)).Intact.ShouldBeTrue();
    }

    private static JsonObject Inputs(string definition)
    {
        var applicant = Scia.Inputs()["applicant"]!.DeepClone();
        return definition switch
        {
            "suap.scia-unica" => new JsonObject
            {
                ["applicant"] = applicant, ["activity"] = "Apertura di un esercizio di vicinato del settore alimentare",
                ["attached"] = "Notifica sanitaria ai fini della registrazione (Reg. CE 852/2004 art. 6)",
                ["administration"] = new JsonObject { ["fiscalCode"] = "02175860424", ["name"] = "ASUR Marche – Dipartimento di prevenzione", ["email"] = "asur@emarche.it" },
            },
            "suap.scia-condizionata" => new JsonObject { ["applicant"] = applicant, ["activity"] = "Apertura di un impianto di distribuzione carburanti" },
            _ => new JsonObject
            {
                ["applicant"] = applicant, ["activity"] = "Ampliamento di un laboratorio artigianale con nuova emissione in atmosfera",
                ["mandatory"] = true,
            },
        };
    }
}
