using Npgsql;
using Sys2.PrivatePostgres;
using Sys2.Host.Tests.Harness;

namespace Sys2.Host.Tests.Database;

// Before issue 9 pg_hba said 'trust': any OS user of the machine got a superuser session with no password.
public class when_someone_connects_without_the_password
{
    [Fact]
    public async Task a_connection_without_it_is_refused()
    {
        var withPassword = new NpgsqlConnectionStringBuilder(await RepositoryRoot.PrivateCluster().StartAsync()) { Pooling = false };
        withPassword.Password.ShouldNotBeNullOrEmpty();

        var error = await Should.ThrowAsync<NpgsqlException>(() => OpenAsync(new NpgsqlConnectionStringBuilder(withPassword.ConnectionString)
        {
            Password = null,
        }));

        error.Message.ShouldContain("password");
    }

    [Fact]
    public async Task a_connection_with_a_wrong_one_is_refused()
    {
        var connectionString = await RepositoryRoot.PrivateCluster().StartAsync();

        var error = await Should.ThrowAsync<PostgresException>(() => OpenAsync(
            new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password", Pooling = false }));

        error.SqlState.ShouldBe(PostgresErrorCodes.InvalidPassword);
    }

    [Fact]
    public async Task the_password_file_is_its_owners_only_and_so_is_the_socket_folder()
    {
        var cluster = RepositoryRoot.PrivateCluster();
        var connectionString = await cluster.StartAsync();
        if (OperatingSystem.IsWindows()) return; // the private cluster is a Unix affair (runuser, sockets)

        File.GetUnixFileMode(cluster.Paths.PasswordFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(cluster.Paths.SocketDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        new NpgsqlConnectionStringBuilder(connectionString).Password.ShouldBe((await File.ReadAllTextAsync(cluster.Paths.PasswordFile)).Trim());
    }

    [Fact]
    public async Task it_listens_on_loopback_only_and_every_rule_asks_for_the_password()
    {
        await using var connection = await OpenAsync(new NpgsqlConnectionStringBuilder(await RepositoryRoot.PrivateCluster().StartAsync()));

        (await when_the_private_cluster_is_started.Scalar<string>(connection, "SHOW listen_addresses")).ShouldBe("127.0.0.1");
        var rules = new List<(string Type, string? Address, string Method)>();
        await using (var command = new NpgsqlCommand("SELECT type, address, auth_method FROM pg_hba_file_rules ORDER BY line_number", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rules.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));

        rules.ShouldBe([("local", null, "scram-sha-256"), ("host", "127.0.0.1", "scram-sha-256")]);
    }

    [Fact]
    public async Task a_cluster_made_with_trust_gets_a_password_on_its_next_start()
    {
        // What an older Sys2 left in a developer's .sys2/postgres: trust for everyone, no password file.
        await using var scratch = new ScratchCluster();
        await scratch.Handle().StartAsync();
        await scratch.Handle().StopAsync();
        await File.WriteAllTextAsync(Path.Combine(scratch.Paths.DataDirectory, "pg_hba.conf"), """
            local   all   all                 trust
            host    all   all   127.0.0.1/32  trust
            host    all   all   ::1/128       trust

            """);
        File.Delete(scratch.Paths.PasswordFile);

        var upgraded = await scratch.Handle().StartAsync();

        var password = new NpgsqlConnectionStringBuilder(upgraded).Password;
        password.ShouldBe((await File.ReadAllTextAsync(scratch.Paths.PasswordFile)).Trim());
        await using (await OpenAsync(new NpgsqlConnectionStringBuilder(upgraded) { Pooling = false })) { }
        (await Should.ThrowAsync<PostgresException>(() => OpenAsync(new NpgsqlConnectionStringBuilder(upgraded) { Password = "old-habits", Pooling = false })))
            .SqlState.ShouldBe(PostgresErrorCodes.InvalidPassword);
        (await File.ReadAllTextAsync(Path.Combine(scratch.Paths.DataDirectory, "pg_hba.conf"))).ShouldNotContain("trust");
    }

    [Fact]
    public async Task a_cluster_that_lost_its_password_file_says_what_to_do()
    {
        await using var scratch = new ScratchCluster();
        await scratch.Handle().StartAsync();
        await scratch.Handle().StopAsync();
        File.Delete(scratch.Paths.PasswordFile);

        var error = await Should.ThrowAsync<PrivatePostgresException>(() => scratch.Handle().StartAsync());

        error.Message.ShouldContain(scratch.Paths.PasswordFile);
        error.Message.ShouldContain("Restore that file");
    }

    static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder builder)
    {
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
