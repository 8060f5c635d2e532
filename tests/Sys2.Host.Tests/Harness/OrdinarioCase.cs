using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Harness;

/// <summary>A SUAP ordinario case driven to the clerk's review: catalogue (no fee), protocol and start notice answered, no parcel.</summary>
public static class OrdinarioCase
{
    public static readonly Actor Clerk = new("mario.rossi", "clerk", "SUAP");

    public static JsonObject Inputs() => new()
    {
        ["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi" },
        ["activity"] = "Apertura bar",
        ["application"] = FixtureDocuments.Istanza(),
    };

    /// <summary>Opens the case and lets the engine answer its calls until the review task is open; returns the case id and its version.</summary>
    public static async Task<(string CaseId, long Version)> AtReviewAsync(CaseHost host, string tenant = "H769")
    {
        foreach (var activity in new[] { "procedimarche.lookup", "protocol.register" })
            host.Activities.AnswerWith(activity, _ => Result(activity));
        var opened = await host.Cases.OpenAsync(Guid.NewGuid(), tenant, "suap.ordinario", Inputs(), Clerk);
        opened.Status.ShouldBe(CommandStatus.Accepted, opened.Error);
        var events = await host.WhenAsync(opened.CaseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == "review"), "the review task", tenant);
        return (opened.CaseId, events.Count);
    }

    private static JsonObject Result(string activity) => activity switch
    {
        "procedimarche.lookup" => new JsonObject { ["fees"] = new JsonObject { ["istruttoria"] = 0 } },
        "protocol.register" => new JsonObject { ["number"] = "0000042", ["date"] = "2026-03-02" },
        _ => [],
    };
}
