using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Integrations;
using Sys2.Integrations.ProcediMarche;
using Sys2.Integrations.Protocol;
using Sys2.Integrations.SigmaTer;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;
using Sys2.Workflows.Definitions;

namespace Sys2.Integrations.Tests.Wiring;

public sealed class when_the_adapters_are_wired
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/sandbox/x/");

    [Fact]
    public void the_dispatcher_routes_the_three_activities()
    {
        using var services = Adapters.Provider(s => s
            .AddProcediMarcheAdapter(Nowhere)
            .AddSigmaTerAdapter(Nowhere)
            .AddProtocolAdapter(Nowhere));

        var dispatcher = (ActivityDispatcher)services.GetRequiredService<IActivityPort>();

        dispatcher.Activities.ShouldBe([Activities.ProcediMarcheLookup, Activities.SigmaTerVisura, Activities.ProtocolRegister], ignoreOrder: true);
    }

    [Fact]
    public void an_adapter_wired_twice_is_refused_rather_than_retrying_its_retries()
    {
        var services = new ServiceCollection().AddProtocolAdapter(Nowhere);

        Should.Throw<InvalidOperationException>(() => services.AddProtocolAdapter(Nowhere)).Message.ShouldContain("IProtocolPort");
    }

    [Fact]
    public void options_the_resilience_pipeline_would_refuse_are_refused_at_wiring_time()
    {
        var services = new ServiceCollection();

        Should.Throw<ArgumentOutOfRangeException>(() => services.AddSigmaTerAdapter(Nowhere, o => o.MaxRetries = 0))
            .ParamName.ShouldBe("MaxRetries");
    }

    [Fact]
    public async Task an_unreachable_system_is_a_transient_failure()
    {
        using var services = Adapters.Provider(s => s.AddProcediMarcheAdapter(Nowhere, Adapters.Fast));

        var failure = await Should.ThrowAsync<IntegrationException>(() =>
            services.GetRequiredService<IActivityPort>().InvokeAsync(
                Adapters.Call("procedimarche.lookup", "H769", new JsonObject { ["code"] = "SUAP-SCIA" }), CancellationToken.None));

        failure.Transient.ShouldBeTrue();
        failure.System.ShouldBe("procedimarche");
    }

    [Fact]
    public async Task a_system_that_keeps_failing_opens_the_circuit_and_is_left_alone()
    {
        var tap = new SandboxTap();
        await using var sandbox = await SandboxServer.StartAsync(configure: tap.Attach);
        await using var services = Adapters.Provider(s => s.AddSigmaTerAdapter(sandbox.For("sigmater"), o =>
        {
            Adapters.Fast(o);
            o.BreakerMinimumThroughput = 2;
            o.BreakerFailureRatio = 0.5;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        }));
        var sigmaTer = services.GetRequiredService<ISigmaTerPort>();
        var parcel = new ParcelKey("H769", null, "1", "1", null, "fabbricati");
        sandbox.Faults.Set("sigmater", new FaultSettings { ServerErrors = 1 });

        await Should.ThrowAsync<IntegrationException>(() => sigmaTer.VisuraAsync(parcel, "k1", CancellationToken.None));
        var hitsWhileFailing = tap.Hits("sigmater");
        sandbox.Faults.Set("sigmater", FaultSettings.None);
        var failure = await Should.ThrowAsync<IntegrationException>(() => sigmaTer.VisuraAsync(parcel, "k2", CancellationToken.None));

        hitsWhileFailing.ShouldBeGreaterThanOrEqualTo(2);
        failure.Transient.ShouldBeTrue();
        failure.Message.ShouldContain("circuit open");
        tap.Hits("sigmater").ShouldBe(hitsWhileFailing);
    }
}
