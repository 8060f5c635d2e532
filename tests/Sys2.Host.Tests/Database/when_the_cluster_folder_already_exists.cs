using Npgsql;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Database;

// SYS2_POSTGRES_DIR may name a folder someone made beforehand (CI's mktemp, an operator's mkdir):
// the cluster must still get its socket/ folder, which pg_ctl needs on every start.
public class when_the_cluster_folder_already_exists
{
    [Fact]
    public async Task it_gets_its_socket_folder_and_starts_again_after_a_stop()
    {
        await using var scratch = new ScratchCluster();
        Directory.CreateDirectory(scratch.Paths.ClusterDirectory);

        var first = await scratch.Handle().StartAsync();
        (await scratch.Handle().StopAsync()).ShouldBeTrue();
        var second = await scratch.Handle().StartAsync();

        Directory.Exists(scratch.Paths.SocketDirectory).ShouldBeTrue();
        second.ShouldBe(first);
        await using var connection = new NpgsqlConnection(second);
        await connection.OpenAsync();
        (await when_the_private_cluster_is_started.Scalar<string>(connection, "SHOW unix_socket_directories"))
            .ShouldBe(scratch.Paths.SocketDirectory);
    }
}
