using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// Every shipped SUAP/SUE definition, from filing to preservation, against the sandbox over real
/// HTTP: clerks and managers take the favourable outcome, the applicant pays, DigiP accepts the SIP.
/// </summary>
public sealed class when_each_suap_and_sue_procedure_runs_to_the_end : IAsyncLifetime
{
    private CaseHost _host = null!;
    private ClerkClient _frontOffice = null!;

    public async Task InitializeAsync()
    {
        _host = await CaseHost.StartAsync(nameof(when_each_suap_and_sue_procedure_runs_to_the_end), scripted: false);
        _frontOffice = new ClerkClient(_host.Address, TestAccounts.ChiaraNeri);
    }

    public async Task DisposeAsync()
    {
        _frontOffice.Dispose();
        await _host.DisposeAsync();
    }

    public static TheoryData<string, string, string> Procedures => new()
    {
        { "suap.scia", "segnalazione", "archived" },
        { "suap.ordinario", "application", "approved" },
        { "sue.cila", "communication", "archived" },
        { "sue.permesso-di-costruire", "application", "approved" },
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
        succeeded.IsSupersetOf(["procedimarche.lookup", "protocol.register", "sigmater.visura", "mpay.request-payment", "digip.archive"]).ShouldBeTrue(string.Join(", ", succeeded));
        events.OfType<ExternalEventReceived>().ShouldContain(r => r.Event == "payment-received");
        events.OfType<IntegrationSucceeded>().Last(s => s.Activity == "digip.archive").Output["id"]!.GetValue<string>().ShouldStartWith("RdV-");
        (await _host.Verifier.VerifyAsync("H769", opened.CaseId)).Intact.ShouldBeTrue();
    }

    private static JsonObject Inputs(string definition)
    {
        var inputs = Scia.Inputs(withParcel: true);
        var applicant = inputs["applicant"]!.DeepClone();
        var technician = new JsonObject { ["fiscalCode"] = "VRDGPP70M15A271P", ["name"] = "geom. Giuseppe Verdi", ["email"] = "giuseppe.verdi@geopec.it" };
        return definition switch
        {
            "suap.scia" => inputs,
            "suap.ordinario" => new JsonObject { ["applicant"] = applicant, ["activity"] = "Somministrazione di alimenti e bevande", ["parcel"] = inputs["parcel"]!.DeepClone(), ["catasto"] = "fabbricati" },
            "sue.cila" => new JsonObject
            {
                ["applicant"] = applicant, ["technician"] = technician, ["intervention"] = "Diversa distribuzione degli spazi interni",
                ["parcel"] = inputs["parcel"]!.DeepClone(), ["catasto"] = "fabbricati",
            },
            _ => new JsonObject
            {
                ["applicant"] = applicant, ["designer"] = technician, ["intervention"] = "Ampliamento di un edificio residenziale",
                ["parcel"] = inputs["parcel"]!.DeepClone(), ["catasto"] = "fabbricati", ["constrained"] = false,
            },
        };
    }
}
