using Npgsql;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Operations;

/// <summary>
/// A start that fails in its slow half (after the server listens) stops the product with the reason in the log
/// and exit code 1: an operator's script sees a failure, and the process does not end in an unhandled exception.
/// </summary>
public sealed class when_the_host_cannot_start
{
    [Fact]
    public async Task it_names_the_reason_and_exits_1()
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
