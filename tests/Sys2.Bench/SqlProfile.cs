using System.Diagnostics.Metrics;
using Npgsql;
using Sys2.Host;
using Sys2.PrivatePostgres;

namespace Sys2.Bench;

/// <summary>One statement of the profile: what pg_stat_statements counted for it.</summary>
public sealed record StatementCost(long Calls, double TotalMs, long Rows, bool TopLevel, string Query);

/// <summary>The SQL a phase sent, counted by PostgreSQL (pg_stat_statements, pg_stat_database) and by Npgsql.</summary>
public sealed record SqlFigures(long Statements, long TopLevel, long Commits, long Rollbacks, long Discards, long NpgsqlCommands,
    long Transactions, double TotalMs, IReadOnlyList<StatementCost> Top)
{
    /// <summary>A command or batch is one round trip; Npgsql sends COMMIT and ROLLBACK as round trips of their own, outside its command count.</summary>
    public long RoundTrips => NpgsqlCommands + Commits + Rollbacks;
}

/// <summary>
/// pg_stat_statements on the benchmark's own server. It must be preloaded, which takes a
/// restart; the benchmark does that only to the private cluster (an <c>ALTER SYSTEM</c> kept in
/// its data folder, <c>postgresql.auto.conf</c>), never to a server named by a connection string.
/// Tracking stays off (<c>pg_stat_statements.track = none</c>) except while a profile runs,
/// so the measured phases do not pay for it.
/// </summary>
public static class SqlProfile
{
    private const string Extension = "pg_stat_statements";

    // An idle backend reports its transaction counts to pg_stat_database at most every 10 s (PGSTAT_IDLE_INTERVAL).
    public static readonly TimeSpan StatsFlush = TimeSpan.FromSeconds(11);

    /// <summary>Loads pg_stat_statements if it can; returns the server to use (a restart may move its port) and why not, if not.</summary>
    public static async Task<(string Server, string? Unavailable)> EnableAsync(string server)
    {
        if (await BenchDatabases.ScalarAsync<long>(server, $"select count(*) from pg_available_extensions where name = '{Extension}'") == 0)
            return (server, $"{Extension} is not installed with this server (postgresql-contrib)");
        var preload = await BenchDatabases.ScalarAsync<string>(server, "show shared_preload_libraries");
        if (!preload.Contains(Extension, StringComparison.Ordinal))
        {
            if (DatabaseConnection.TryExplicit(BenchDatabases.Configuration) is not null)
                return (server, $"not preloaded on the configured server: ALTER SYSTEM SET shared_preload_libraries = '{Extension}' and restart it");
            var libraries = string.Join(",", preload.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append(Extension));
            await BenchDatabases.ExecuteAsync(server, $"alter system set shared_preload_libraries = '{libraries}'");
            await RepositoryRoot.PrivateCluster().StopAsync();
            server = await BenchDatabases.ServerAsync();
        }
        await TrackAsync(server, "none");
        return (server, null);
    }

    /// <summary>Makes the extension's view queryable in <paramref name="database"/>.</summary>
    public static Task InstallAsync(string database) => BenchDatabases.ExecuteAsync(database, $"create extension if not exists {Extension}");

    /// <summary>Runs <paramref name="phase"/> with every statement tracked (nested ones too) and returns what it sent to <paramref name="database"/>.</summary>
    public static async Task<SqlFigures> MeasureAsync(string database, Func<Task> phase)
    {
        await TrackAsync(database, "all");
        await BenchDatabases.ExecuteAsync(database, "select pg_stat_statements_reset()");
        var transactions = await TransactionsAsync(database);
        var commands = NpgsqlCommands.Count;
        await phase();
        commands = NpgsqlCommands.Count - commands;
        await TrackAsync(database, "none");

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        // This database's statements, without the profile's own (the switch-off and the reset).
        const string mine = "dbid = (select oid from pg_database where datname = current_database()) and query not ilike 'alter system%' and query not ilike '%pg_stat_statements_reset%'";
        await using var totals = new NpgsqlCommand($"""
            select coalesce(sum(calls), 0)::bigint, coalesce(sum(calls) filter (where toplevel), 0)::bigint,
                   coalesce(sum(calls) filter (where upper(query) = 'COMMIT'), 0)::bigint,
                   coalesce(sum(calls) filter (where upper(query) = 'ROLLBACK'), 0)::bigint,
                   coalesce(sum(calls) filter (where upper(query) = 'DISCARD ALL'), 0)::bigint,
                   coalesce(sum(total_exec_time) filter (where toplevel), 0)::float8
            from pg_stat_statements where {mine}
            """, connection);
        long statements, topLevel, commits, rollbacks, discards;
        double totalMs;
        await using (var r = await totals.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            (statements, topLevel, commits, rollbacks, discards, totalMs) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5));
        }
        await using var top = new NpgsqlCommand($"""
            select calls, total_exec_time, rows, toplevel, regexp_replace(query, '\s+', ' ', 'g')
            from pg_stat_statements where {mine} order by total_exec_time desc limit 12
            """, connection);
        var costs = new List<StatementCost>();
        await using (var r = await top.ExecuteReaderAsync())
            while (await r.ReadAsync())
                costs.Add(new StatementCost(r.GetInt64(0), r.GetDouble(1), r.GetInt64(2), r.GetBoolean(3), r.GetString(4)));

        await Task.Delay(StatsFlush);
        transactions = await TransactionsAsync(database) - transactions;
        return new SqlFigures(statements, topLevel, commits, rollbacks, discards, commands, transactions, totalMs, costs);
    }

    private static async Task TrackAsync(string server, string what)
    {
        await BenchDatabases.ExecuteAsync(server, $"alter system set {Extension}.track = '{what}'");
        await BenchDatabases.ExecuteAsync(server, "select pg_reload_conf()");
        await Task.Delay(300); // backends re-read the configuration before their next statement
    }

    /// <summary>Commits and rollbacks of the database so far, as its backends last reported them (wait <see cref="StatsFlush"/> first).</summary>
    public static Task<long> TransactionsAsync(string database) => BenchDatabases.ScalarAsync<long>(database,
        "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()");
}

/// <summary>
/// Every command or batch Npgsql executes in this process (its <c>db.client.commands.duration</c>
/// histogram records one value per execution): each is one round trip to the server.
/// </summary>
public static class NpgsqlCommands
{
    private static long _count;
    private static MeterListener? _listener;

    public static long Count => Interlocked.Read(ref _count);

    /// <summary>Starts counting; call before the first connection opens.</summary>
    public static void Start()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.commands.duration") listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
        _listener.Start();
    }
}
