using System.Text.Json.Nodes;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.EndToEnd;

/// <summary>
/// The SUAP definitions that involve other administrations (SCIA unica, SCIA condizionata, the
/// conferenza di servizi), from filing to preservation against the sandbox over real HTTP: their
/// ProcediMarche entries exist, the outgoing registrations (the forwarding to the competent
/// administration, the conferenza's final determination) are accepted, DigiP accepts the SIP.
/// </summary>
/// <remarks>One host for the class: each procedure files a case of its own and reads only that one.</remarks>
public sealed class when_a_suap_procedure_with_other_administrations_runs_to_the_end(SandboxHost<when_a_suap_procedure_with_other_administrations_runs_to_the_end> shared)
    : IClassFixture<SandboxHost<when_a_suap_procedure_with_other_administrations_runs_to_the_end>>, IDisposable
{
    private readonly CaseHost _host = shared.ForNextTest();
    private readonly ClerkClient _frontOffice = new(shared.Host.Address, TestAccounts.ChiaraNeri);

    public void Dispose() => _frontOffice.Dispose();

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
        var (caseId, events) = await _host.FileAndRunToEndAsync(_frontOffice, definition, document, Inputs(definition));

        await _host.ShouldHaveClosedPreservedAsync(caseId, events, outcome, "procedimarche.lookup", "protocol.register", "digip.archive");
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
