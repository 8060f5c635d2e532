using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Host.Tests.Harness;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Tests.Invoices;

/// <summary>What the invoice tests do through the IntermediaMarche simulator and the Ragioneria's tasks.</summary>
public static class InvoiceSandbox
{
    /// <summary>San Benedetto del Tronto's placeholder office code, seeded at start-up.</summary>
    public const string SanBenedetto = "UFH769";

    public static readonly Actor Ragioneria = new("marta.ferri", "clerk", "Ragioneria") { Name = "Marta Ferri" };

    /// <summary>A supplier's file delivered by SdI through IntermediaMarche; the host's answer (the received file) with it.</summary>
    public static async Task<JsonObject> DeliverAsync(this CaseHost host, object request)
    {
        var response = await host.Operator.PostAsync("/sandbox/intermediamarche/deliveries", request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static string CaseOf(JsonObject delivery, int position = 1) =>
        delivery["answer"]!["invoices"]!.AsArray().Single(i => i!["position"]!.GetValue<int>() == position)!["caseId"]!.GetValue<string>();

    public static async Task<CommandOutcome> DoAsync(this CaseHost host, string caseId, string step, string outcome, JsonObject? form = null)
    {
        await host.TaskOpenAsync(caseId, step);
        var version = (await host.EventsOf(caseId)).Count;
        return await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), "H769", caseId, version, new CompleteTask(step, outcome, form ?? [], Ragioneria), Ragioneria));
    }

    /// <summary>Waits until the case has reached <paramref name="step"/>'s task (the engine gets there in the background).</summary>
    public static Task<IReadOnlyList<object>> TaskOpenAsync(this CaseHost host, string caseId, string step) =>
        host.WhenAsync(caseId, e => e.OfType<TaskAssigned>().Any(t => t.Step == step) && !e.OfType<TaskCompleted>().Any(t => t.Step == step), $"the task {step}");

    public static async Task<JsonArray> SdiFilesAsync(this CaseHost host) =>
        await host.Operator.GetJsonAsync<JsonArray>("/sandbox/intermediamarche/files");

    public static JsonObject Variables(IEnumerable<object> events)
    {
        var all = new JsonObject();
        foreach (var set in events.OfType<VariablesSet>())
            foreach (var (name, value) in set.Values) all[name] = value?.DeepClone();
        return all;
    }
}
