using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Sys2.Host.Cases;
using Sys2.Host.Files;
using Sys2.Host.Views;
using Sys2.Sandbox.Pec;
using Sys2.Workflows.Formats;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Demo;

/// <summary>
/// On a fresh database, files a few realistic cases so that a person starting the product finds
/// inboxes with work in them: a SCIA and a CILA in San Benedetto del Tronto (H769), a SUAP
/// ordinario in Fermo (D542); and suppliers' e-invoices delivered by the IntermediaMarche simulator to both
/// (one signed, one a lotto of two). The engine then takes them through the sandbox to the first clerk's task.
/// Off with <c>Sys2:Demo:Seed=false</c>.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store, FileContents files, CaseService cases, TimeProvider clock, Operations.StartupGate gate,
    IServiceProvider services, ILogger<DemoSeeder> log)
    : IHostedService
{
    public const string SeedKey = "Sys2:Demo:Seed";

    public static readonly Actor Sportello = new("chiara.neri", "clerk", "SUAP");

    public Task StartAsync(CancellationToken ct)
    {
        // Once the host is ready: the sandbox the adapters call is this host, and the invoices reach its API.
        _ = Task.Run(async () =>
        {
            try { await gate.Ready; }
            catch (Exception) { return; } // it did not start: nothing to seed
            await SeedAsync();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task SeedAsync()
    {
        try
        {
            await using (var query = store.QuerySession("H769"))
                if (await query.Query<CaseSummary>().AnyAsync()) return;
            foreach (var (tenant, definition, inputs) in Filings())
            {
                var outcome = await cases.OpenAsync(Guid.NewGuid(), tenant, definition, await WithDocument(tenant, definition, inputs), Sportello);
                log.LogInformation("Demo case {Case} ({Definition}) in {Tenant}: {Status}", outcome.CaseId, definition, tenant, outcome.Status);
            }
            await DeliverInvoicesAsync();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Demo data not seeded");
        }
    }

    /// <summary>Invoices as SdI delivers them, through the simulator, to the placeholder office codes of H769 and D542.</summary>
    private async Task DeliverInvoicesAsync()
    {
        if (services.GetService<Sys2.Sandbox.IntermediaMarche.SdiDeliveries>() is not { } sdi) return;
        foreach (var request in new Sys2.Sandbox.IntermediaMarche.IntermediaMarcheSandbox.DeliveryRequest[]
                 {
                     new("UFH769", Signed: true, Supplier: 0, TaxableCents: 120_000),
                     new("UFH769", Invoices: 2, Supplier: 1, SplitPayment: true),
                     new("UFD542", Supplier: 2, TaxableCents: 640_000),
                     // For the operators' page of refused files: a signed file altered on the way, and one for an office code no entity has.
                     new("UFH769", Signed: true, Supplier: 3, Tamper: "signature"),
                     new("ZZ0001", Supplier: 4),
                 })
        {
            var delivered = await sdi.DeliverAsync(request, CancellationToken.None);
            log.LogInformation("Demo invoice file {File} delivered to {Code}: {Status}", delivered?.FileName, request.CodiceDestinatario, delivered?.Status);
        }
    }

    private async Task<JsonObject> WithDocument(string tenant, string definition, JsonObject inputs)
    {
        var content = Encoding.UTF8.GetBytes($"{definition}: domanda firmata digitalmente (demo)");
        var sha = Sha256Hex.Of(content);
        await files.StoreAsync(tenant, sha, content, clock.GetUtcNow(), CancellationToken.None);
        var document = new JsonObject { ["name"] = $"{definition}.pdf.p7m", ["sha256"] = sha, ["mediaType"] = "application/pkcs7-mime", ["size"] = content.Length };
        var field = definition switch { "suap.scia" => "segnalazione", "sue.cila" => "communication", _ => "application" };
        inputs[field] = document;
        return inputs;
    }

    /// <summary>A demo person's PEC address on the sandbox provider's domain (<see cref="PecSandboxOptions.ProviderDomain"/>).</summary>
    public static string DemoPec(string person) => $"{person}@{new PecSandboxOptions().ProviderDomain}";

    private static IEnumerable<(string Tenant, string Definition, JsonObject Inputs)> Filings()
    {
        // A domicilio digitale on the sandbox provider's own domain, which it delivers to: the acts with legal effect
        // (pec.send) come back with a ricevuta di avvenuta consegna the demo shows in the fascicolo.
        JsonObject Rossi() => new()
        {
            ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi", ["email"] = "mario.rossi@pec.it", ["phone"] = "+39 0735 581234",
            ["pec"] = DemoPec("mario.rossi"),
        };
        JsonObject Parcel(string belfiore) => new() { ["belfiore"] = belfiore, ["sezione"] = "", ["foglio"] = "12", ["particella"] = "345", ["subalterno"] = "3" };
        yield return ("H769", "suap.scia", new JsonObject { ["applicant"] = Rossi(), ["activity"] = "Apertura di un esercizio di vicinato", ["parcel"] = Parcel("H769"), ["catasto"] = "fabbricati" });
        yield return ("H769", "sue.cila", new JsonObject
        {
            ["applicant"] = Rossi(), ["intervention"] = "Diversa distribuzione degli spazi interni", ["parcel"] = Parcel("H769"), ["catasto"] = "fabbricati",
            ["technician"] = new JsonObject { ["fiscalCode"] = "VRDGPP70M15A271P", ["name"] = "geom. Giuseppe Verdi", ["email"] = "giuseppe.verdi@geopec.it", ["pec"] = DemoPec("giuseppe.verdi") },
        });
        yield return ("D542", "suap.ordinario", new JsonObject { ["applicant"] = Rossi(), ["activity"] = "Somministrazione di alimenti e bevande" });
    }
}
