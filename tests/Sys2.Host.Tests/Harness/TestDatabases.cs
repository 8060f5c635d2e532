using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Fresh databases for host tests, on the private cluster (or on the server SYS2_CONNECTION names).
/// Give each test class its own name, e.g. <c>await TestDatabases.CreateAsync(nameof(MyTests))</c>.
/// </summary>
public static class TestDatabases
{
    // One start (or reuse) per test run; every caller awaits the same task. A failure is cached too,
    // so every test reports the same cause instead of each retrying a broken start.
    static readonly Lazy<Task<string>> Server = new(() => DatabaseConnection.ResolveAsync(new ConfigurationBuilder().Build(), RepositoryRoot.TryFind()));

    /// <summary>The connection string of database <c>sys2</c> on the test server, started if needed.</summary>
    public static Task<string> ServerAsync() => Server.Value;

    /// <summary>
    /// Drops and recreates database <c>test_&lt;name&gt;</c>, so each run starts empty while a failed run's
    /// data stays around to inspect until the next one. Returns its connection string.
    /// </summary>
    /// <param name="template">A database to copy instead of starting empty (see <see cref="CloseForCopiesAsync"/>).</param>
    public static async Task<string> CreateAsync(string name, string? template = null)
    {
        var server = await Server.Value;
        var database = DatabaseName(name);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await using (var connection = await OpenAdminAsync())
        {
            var quoted = ServerProbe.QuoteIdentifier(database);
            // FORCE ends sessions a previous run may have left connected.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            var from = template is null ? "" : $" TEMPLATE {ServerProbe.QuoteIdentifier(template)}";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}{from}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // The drop killed any idle pooled connections to the old database; don't hand them out again.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        return connectionString;
    }

    /// <summary>
    /// Makes <paramref name="connectionString"/>'s database a source for <see cref="CreateAsync"/>: PostgreSQL copies a
    /// database only while no one is connected to it, so its sessions are ended and no new one is let in. Returns its name.
    /// </summary>
    public static async Task<string> CloseForCopiesAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = await OpenAdminAsync();
        await using var close = new NpgsqlCommand($"ALTER DATABASE {ServerProbe.QuoteIdentifier(database)} ALLOW_CONNECTIONS false", connection);
        await close.ExecuteNonQueryAsync();
        await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", connection);
        end.Parameters.AddWithValue("database", database);
        await end.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>An unpooled connection to the server's <c>postgres</c> database, where databases are made and closed.</summary>
    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(await Server.Value) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>test_ plus the name in lower case with only [a-z0-9_], cut to PostgreSQL's 63 bytes with a hash to stay unique.</summary>
    internal static string DatabaseName(string name)
    {
        var cleaned = new string(name.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_').ToArray());
        var full = "test_" + cleaned;
        if (full.Length <= 63) return full;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return full[..54] + "_" + hash;
    }
}
