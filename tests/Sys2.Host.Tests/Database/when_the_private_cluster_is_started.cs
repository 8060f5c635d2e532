using Npgsql;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Database;

public class when_the_private_cluster_is_started
{
    [Fact]
    public async Task it_accepts_connections_and_reports_version_15()
    {
        var connectionString = await RepositoryRoot.PrivateCluster().StartAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        (await Scalar<string>(connection, "SHOW server_version_num")).ShouldStartWith("15");
        (await Scalar<string>(connection, "SELECT current_database()")).ShouldBe("sys2");
        (await Scalar<string>(connection, "SHOW listen_addresses")).ShouldBe("127.0.0.1");
        (await Scalar<string>(connection, "SHOW fsync")).ShouldBe("on");
        (await Scalar<string>(connection, "SHOW max_connections")).ShouldBe("200");
        connectionString.ShouldStartWith("Host=127.0.0.1;Port=");
    }

    [Fact]
    public async Task it_is_reused_when_already_running()
    {
        var first = await RepositoryRoot.PrivateCluster().StartAsync();
        var startedAt = await PostmasterStartTime(first);

        var second = await RepositoryRoot.PrivateCluster().StartAsync();

        second.ShouldBe(first);
        (await PostmasterStartTime(second)).ShouldBe(startedAt);
        (await RepositoryRoot.PrivateCluster().StatusAsync()).Running.ShouldBeTrue();
    }

    [Fact]
    public async Task two_concurrent_starters_share_one_cluster()
    {
        // A cold cluster of its own, so the race includes initdb; two separate processes plus this one.
        await using var scratch = new ScratchCluster();
        var environment = new Dictionary<string, string> { [PrivatePostgresPaths.OverrideVariable] = scratch.Paths.ClusterDirectory };

        var inProcess = scratch.Handle().StartAsync();
        var processes = await Task.WhenAll(HostCli.RunAsync(environment, "db", "start"), HostCli.RunAsync(environment, "db", "start"));
        var connectionString = await inProcess;

        foreach (var process in processes)
        {
            process.ExitCode.ShouldBe(0, process.StandardError);
            process.StandardOutput.ShouldBe(connectionString);
        }
        // One server came up once: a second initdb or start would have logged a second start-up.
        var log = await File.ReadAllTextAsync(scratch.Paths.LogFile);
        CountOf(log, "database system is ready to accept connections").ShouldBe(1, log);
    }

    static async Task<DateTime> PostmasterStartTime(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Scalar<DateTime>(connection, "SELECT pg_postmaster_start_time()");
    }

    internal static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    static int CountOf(string text, string phrase) => text.Split(phrase).Length - 1;
}
