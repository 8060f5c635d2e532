using Npgsql;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Database;

// On a scratch cluster: stopping the shared one would pull it from under the other test classes.
public class when_the_private_cluster_is_stopped
{
    [Fact]
    public async Task it_reports_stopped_and_starts_again_on_the_same_port_with_its_data()
    {
        await using var scratch = new ScratchCluster();
        var connectionString = await scratch.Handle().StartAsync();
        await Execute(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

        (await scratch.Handle().StopAsync()).ShouldBeTrue();

        var stopped = await scratch.Handle().StatusAsync();
        stopped.Initialized.ShouldBeTrue();
        stopped.Running.ShouldBeFalse();
        stopped.ConnectionString.ShouldBeNull();

        var again = await scratch.Handle().StartAsync();
        again.ShouldBe(connectionString);
        await using var connection = new NpgsqlConnection(again);
        await connection.OpenAsync();
        (await when_the_private_cluster_is_started.Scalar<int>(connection, "SELECT id FROM kept")).ShouldBe(42);
    }

    [Fact]
    public async Task stopping_it_again_or_before_it_exists_does_nothing()
    {
        await using var scratch = new ScratchCluster();
        (await scratch.Handle().StopAsync()).ShouldBeFalse();
        (await scratch.Handle().StatusAsync()).Initialized.ShouldBeFalse();

        await scratch.Handle().StartAsync();
        (await scratch.Handle().StopAsync()).ShouldBeTrue();
        (await scratch.Handle().StopAsync()).ShouldBeFalse();
    }

    static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
