using System.Net;
using System.Net.Http.Json;
using Sys2.Integrations.Tests.Harness;
using Sys2.Sandbox.Faults;

namespace Sys2.Integrations.Tests.Faults;

public sealed class when_a_system_is_told_to_fail
{
    [Fact]
    public async Task the_admin_endpoint_sets_and_reads_back_the_plan()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Address };

        var put = await http.PutAsJsonAsync("admin/faults/mpay", new { serverErrors = 0.3, latency = "00:00:00.050" });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        sandbox.Faults.For("mpay").ServerErrors.ShouldBe(0.3);
        sandbox.Faults.For("mpay").Latency.ShouldBe(TimeSpan.FromMilliseconds(50));
        sandbox.Faults.For("digip").ShouldBe(FaultSettings.None);
    }

    [Fact]
    public async Task a_share_outside_zero_to_one_is_refused_and_names_the_rule()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Address };

        var put = await http.PutAsJsonAsync("admin/faults/mpay", new { serverErrors = 1.5 });

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.Content.ReadAsStringAsync()).ShouldContain("between 0 and 1");
        sandbox.Faults.For("mpay").ShouldBe(FaultSettings.None);
    }

    [Fact]
    public void the_same_seed_draws_the_same_faults_and_systems_do_not_share_a_source()
    {
        static List<bool> Draws(FaultInjector faults, string system) => Enumerable.Range(0, 200).Select(_ => faults.Draw(system, 0.3)).ToList();

        var first = new FaultInjector(7);
        var second = new FaultInjector(7);
        _ = Draws(second, "sigmater"); // calls to another system must not shift mpay's sequence

        Draws(first, "mpay").ShouldBe(Draws(second, "mpay"));
        Draws(new FaultInjector(8), "mpay").ShouldNotBe(Draws(new FaultInjector(7), "mpay"));
        Draws(new FaultInjector(7), "mpay").Count(d => d).ShouldBeInRange(40, 80); // about 30% of 200
    }
}
