using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.ProcediMarche;
using Sys2.Integrations.Protocol;
using Sys2.Integrations.SigmaTer;
using Sys2.Integrations.Tests.Harness;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Integrations.Tests.Wiring;

/// <summary>
/// The contract between the definitions in <c>workflows/</c> and these adapters: every
/// <c>result.…</c> an <c>out:</c> mapping reads is in the answer, and every <c>with:</c> input is
/// one the handler reads (an input it ignored would be lost silently).
/// </summary>
public sealed class the_shipped_definitions_read_what_the_adapters_answer : IAsyncLifetime
{
    private static readonly Dictionary<string, string[]> InputsRead = new()
    {
        [Activities.ProcediMarcheLookup] = ["code"],
        [Activities.SigmaTerVisura] = ["parcel", "catasto"],
        [Activities.ProtocolRegister] = ["direction", "sender", "recipient", "subject", "classification", "document", "notes", "reasons", "externalId"],
    };

    private SandboxServer _sandbox = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync();
        _services = Adapters.Provider(s => s
            .AddProcediMarcheAdapter(_sandbox.For("procedimarche"), Adapters.Fast)
            .AddSigmaTerAdapter(_sandbox.For("sigmater"), Adapters.Fast)
            .AddProtocolAdapter(_sandbox.For("protocol"), Adapters.Fast));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private static IEnumerable<CallStep> Calls()
    {
        var loads = DefinitionLoader.LoadPath(Path.Combine(RepositoryRoot.Path, "workflows"));
        loads.ShouldNotBeEmpty();
        foreach (var load in loads)
        {
            load.Problems.ShouldBeEmpty(load.File);
            foreach (var step in load.Definition!.Steps.Values.OfType<CallStep>().Where(c => InputsRead.ContainsKey(c.Activity)))
                yield return step;
        }
    }

    [Fact]
    public void every_input_a_definition_passes_is_one_the_handler_reads()
    {
        var calls = Calls().ToList();
        calls.Select(c => c.Activity).Distinct().Count().ShouldBe(3);

        foreach (var call in calls)
            foreach (var input in call.With)
                InputsRead[call.Activity].ShouldContain(input.Target, $"step '{call.Name}' passes '{input.Target}' to {call.Activity}");
    }

    [Fact]
    public async Task every_result_field_a_definition_reads_is_in_the_answer()
    {
        var port = _services.GetRequiredService<IActivityPort>();
        var checkedReads = 0;
        foreach (var call in Calls())
        {
            var result = await port.InvokeAsync(Adapters.Call(call.Activity, "H769", SampleInput(call)), CancellationToken.None);
            foreach (var read in call.Out.Select(o => Regex.Match(o.Source.Text.Trim(), @"^result((?:\.\w+)*)$")).Where(m => m.Success))
            {
                JsonNode? node = result;
                foreach (var name in read.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
                    node = node?[name];
                node.ShouldNotBeNull($"step '{call.Name}' reads {read.Value} from {call.Activity}");
                checkedReads++;
            }
        }

        checkedReads.ShouldBeGreaterThan(8);
    }

    private static JsonObject SampleInput(CallStep call) => call.Activity switch
    {
        Activities.ProcediMarcheLookup => new JsonObject { ["code"] = call.With.Single(w => w.Target == "code").Source.Text.Trim('\'', '"', ' ') },
        Activities.SigmaTerVisura => new JsonObject { ["parcel"] = new JsonObject { ["belfiore"] = "H769", ["foglio"] = "12", ["particella"] = "345", ["subalterno"] = "3" }, ["catasto"] = "fabbricati" },
        _ => new JsonObject
        {
            ["direction"] = call.With.Any(w => w.Target == "sender") ? "incoming" : "outgoing",
            [call.With.Any(w => w.Target == "sender") ? "sender" : "recipient"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi" },
            ["subject"] = "Istanza",
            ["classification"] = call.With.Single(w => w.Target == "classification").Source.Text.Trim('\'', '"', ' '),
            ["document"] = new JsonObject { ["name"] = "istanza.pdf", ["sha256"] = new string('a', 64) },
        },
    };
}
