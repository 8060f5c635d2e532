using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sys2.Host;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;
using Sys2.Host.Engine;
using Sys2.Host.Integrations;
using Sys2.Integrations;

namespace Sys2.Bench;

/// <summary>A clock the benchmark controls; it stays on the morning of 2 March 2026 unless moved.</summary>
public sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The whole product (Marten, Wolverine, HTTP on a free loopback port) as <see cref="Sys2Application"/>
/// builds it, on a fresh database, with <see cref="InstantActivities"/> as every regional system,
/// a controlled clock and the <see cref="EngineProbe"/> listening to every commit.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string connectionString, BenchClock clock, EngineProbe probe, InstantActivities activities)
    {
        _app = app;
        ConnectionString = connectionString;
        Clock = clock;
        Probe = probe;
        Activities = activities;
    }

    public string ConnectionString { get; }
    public BenchClock Clock { get; }
    public EngineProbe Probe { get; }
    public InstantActivities Activities { get; }
    public IServiceProvider Services => _app.Services;
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
    public CaseService Cases => Services.GetRequiredService<CaseService>();

    public static async Task<BenchHost> StartAsync(string connectionString)
    {
        var clock = new BenchClock(Start);
        var probe = new EngineProbe();
        var activities = new InstantActivities();
        var app = await Sys2Application.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Sys2"] = connectionString,
                [WolverineSetup.PollingKey] = "00:00:01",
                [IntegrationSetup.ModeKey] = "none",
                ["Sys2:SignIn:Issuer"] = "https://sys2.bench/",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<IActivityHandler>(activities);
            builder.Services.ConfigureMarten(opts => opts.Listeners.Add(probe));
        });
        await app.StartAndWaitReadyAsync();
        return new BenchHost(app, connectionString, clock, probe, activities);
    }

    /// <summary>Messages Wolverine still has to handle now: not the timers scheduled for weeks ahead, nor the handled ones it keeps for a while.</summary>
    public async Task<long> PendingMessagesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand(
            "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes' limit 1", connection);
        var schema = await find.ExecuteScalarAsync() as string ?? "public";
        await using var count = new NpgsqlCommand(
            $"select (select count(*) from {schema}.wolverine_incoming_envelopes where status = 'Incoming') + (select count(*) from {schema}.wolverine_outgoing_envelopes)", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Fresh databases on the server the product would use (the private cluster unless a connection string is configured).</summary>
public static class BenchDatabases
{
    /// <summary>What the product reads too: <c>ConnectionStrings__Sys2</c> comes from the environment.</summary>
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static Task<string> ServerAsync() => DatabaseConnection.ResolveAsync(Configuration, RepositoryRoot.TryFind());

    public static async Task<string> CreateAsync(string server, string database)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            var quoted = "\"" + database.Replace("\"", "\"\"") + "\"";
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        return connectionString;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
