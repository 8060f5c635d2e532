using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// Every shipped SUAP/SUE definition, from filing to preservation, against the sandbox over real
/// HTTP: clerks and managers take the favourable outcome, the applicant pays, DigiP accepts the SIP.
/// </summary>
/// <remarks>One host for the class: each procedure files a case of its own and reads only that one.</remarks>
public sealed class when_each_suap_and_sue_procedure_runs_to_the_end(SandboxHost<when_each_suap_and_sue_procedure_runs_to_the_end> shared)
    : IClassFixture<SandboxHost<when_each_suap_and_sue_procedure_runs_to_the_end>>, IDisposable
{
    private readonly CaseHost _host = shared.ForNextTest();
    private readonly ClerkClient _frontOffice = new(shared.Host.Address, TestAccounts.ChiaraNeri);

    public void Dispose() => _frontOffice.Dispose();

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
        var (caseId, events) = await _host.FileAndRunToEndAsync(_frontOffice, definition, document, Inputs(definition));

        await _host.ShouldHaveClosedPreservedAsync(caseId, events, outcome,
            "procedimarche.lookup", "protocol.register", "sigmater.visura", "mpay.request-payment", "digip.archive");
        events.OfType<ExternalEventReceived>().ShouldContain(r => r.Event == "payment-received");
        events.OfType<IntegrationSucceeded>().Last(s => s.Activity == "digip.archive").Output["id"]!.GetValue<string>().ShouldStartWith("RdV-");
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
