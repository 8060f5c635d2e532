using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Harness;

/// <summary>A SCIA for a shop in San Benedetto del Tronto (H769), as the SUAP front office files it.</summary>
public static class Scia
{
    public static readonly Actor Sportello = new("chiara.neri", "clerk", "SUAP");

    public static JsonObject Inputs(bool withParcel = false)
    {
        var inputs = new JsonObject
        {
            ["applicant"] = new JsonObject
            {
                ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi", ["email"] = "mario.rossi@pec.it", ["phone"] = "+39 0735 581234",
            },
            ["activity"] = "Apertura di un esercizio di vicinato",
            ["segnalazione"] = FixtureDocuments.Segnalazione(),
        };
        if (withParcel)
            inputs["parcel"] = new JsonObject { ["belfiore"] = "H769", ["sezione"] = "", ["foglio"] = "12", ["particella"] = "345", ["subalterno"] = "3" };
            inputs["catasto"] = "fabbricati";
        return inputs;
    }

    public static async Task<string> FileAsync(this CaseHost host, string tenant = "H769", bool withParcel = false)
    {
        var opened = await host.Cases.OpenAsync(Guid.NewGuid(), tenant, "suap.scia", Inputs(withParcel), Sportello);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        return opened.CaseId;
    }

    /// <summary>The SUAP's responsible manager: the art. 21-nonies review after consolidation is hers.</summary>
    public static readonly Actor Responsabile = new("paolo.ricci", "manager", "SUAP");

    public static async Task<CommandOutcome> CompleteAsync(this CaseHost host, string caseId, string step, string outcome, JsonObject? form = null,
        string tenant = "H769", Actor? by = null)
    {
        var version = (await host.EventsOf(caseId, tenant)).Count;
        return await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), tenant, caseId, version,
            new CompleteTask(step, outcome, form ?? [], by ?? Sportello), by ?? Sportello));
    }
}
