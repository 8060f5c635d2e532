using Npgsql;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Operations;

/// <summary>
/// How the product process ends, as an operator's script or a service manager sees it: stopped by the system, it
/// shuts down and exits 0; a start that fails in its slow half (after the server listens) stops with the reason
/// in the log and exits 1. Neither ends in an unhandled exception.
/// </summary>
public sealed class when_the_host_stops
{
    [Fact]
    public async Task asked_to_stop_it_exits_0()
    {
        await using var host = await HostProcess.StartAsync(await TestDatabases.CreateAsync(nameof(when_the_host_stops)));

        (await host.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task when_its_start_fails_it_names_the_reason_and_exits_1()
    {
        var missing = new NpgsqlConnectionStringBuilder(await TestDatabases.ServerAsync()) { Database = "no_such_database_" + Guid.NewGuid().ToString("N")[..8] };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Sys2"] = missing.ConnectionString,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Sys2__Integrations__Mode"] = "none",
            ["Sys2__Demo__Seed"] = "false",
        };

        var (exit, output, error) = await HostCli.RunAsync(environment, "run");

        var said = output + "\n" + error;
        exit.ShouldBe(1, said);
        said.ShouldContain($"database \"{missing.Database}\" does not exist");
        said.ShouldContain("The host could not start");
        said.ShouldNotContain("Unhandled exception");
    }
}
