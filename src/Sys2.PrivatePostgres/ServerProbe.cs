using System.Diagnostics;
using Npgsql;

namespace Sys2.PrivatePostgres;

/// <summary>Talks to the running server: waits until it takes connections, checks it is ours, creates databases.</summary>
internal static class ServerProbe
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Connects until the server answers (it refuses while starting up or recovering) and checks that the
    /// server on that port serves <paramref name="dataDirectory"/>, not some other PostgreSQL that took the port.
    /// A refused password ends the wait at once.
    /// </summary>
    public static async Task WaitUntilAcceptingAsync(
        string adminConnectionString, string dataDirectory, string logFile, string passwordFile, TimeSpan timeout, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        Exception? last = null;
        while (waited.Elapsed < timeout)
        {
            try
            {
                await using var connection = new NpgsqlConnection(adminConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
                var served = (string?)await command.ExecuteScalarAsync(ct) ?? "";
                if (!SameDirectory(served, dataDirectory))
                    throw new PrivatePostgresException(
                        $"The server on {connection.Host}:{connection.Port} serves '{served}', not our cluster '{dataDirectory}'.");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                // Waiting will not change the password: say which file and what to do, at once.
                throw new PrivatePostgresException(
                    $"The private PostgreSQL refused the password in {passwordFile} ({e.MessageText}). Restore the file that "
                    + $"belongs to this cluster, or stop it (db stop) and delete {Path.GetDirectoryName(passwordFile)} to start afresh "
                    + "(its data is lost).", e);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
            {
                last = e;
                await Task.Delay(RetryDelay, ct);
            }
        }
        throw new PrivatePostgresException(
            $"The private PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s: {last?.Message}"
            + PrivatePostgresException.Section($"Last lines of {logFile}", LogTail.Read(logFile)), last);
    }

    public static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;

        // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
