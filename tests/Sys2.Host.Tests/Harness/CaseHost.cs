using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Demo;
using Sys2.Host.Engine;
using Sys2.Host.Integrations;
using Sys2.Integrations;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// The whole product (Marten, Wolverine, HTTP on a free loopback port) on a fresh database of
/// the private cluster, with the shipped definitions published, a clock the test moves and
/// regional systems the test scripts (<see cref="Activities"/>).
/// </summary>
public sealed class CaseHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private CaseHost(WebApplication app, string connectionString, ControlledClock clock, ScriptedActivities activities, AnchorSettings anchors)
    {
        _app = app;
        ConnectionString = connectionString;
        Clock = clock;
        Activities = activities;
        Timers = new TimeMachine(clock, connectionString);
        AnchorSettings = anchors;
    }

    public string ConnectionString { get; }
    public ControlledClock Clock { get; }
    public ScriptedActivities Activities { get; }
    public TimeMachine Timers { get; }
    public IServiceProvider Services => _app.Services;
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
    public DefinitionCatalog Definitions => Services.GetRequiredService<DefinitionCatalog>();
    public CaseService Cases => Services.GetRequiredService<CaseService>();
    /// <summary>This host's own anchor key and folder, in a temporary folder deleted with the host.</summary>
    public AnchorSettings AnchorSettings { get; }
    public DailyAnchor Anchors => Services.GetRequiredService<DailyAnchor>();

    /// <summary>A verifier with the anchors made so far.</summary>
    public AuditVerifier Verifier => new(ConnectionString, AnchorBook.Read(AnchorSettings));

    /// <summary>The entity's operator (H769), who drives the sandbox: pays avvisi as a PSP would, reads the mailbox.</summary>
    public ClerkClient Operator => _operator ??= new ClerkClient(Address, TestAccounts.LucaMoretti);
    private ClerkClient? _operator;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <param name="scripted">true: <see cref="Activities"/> stand in for the regional systems; false: the sandbox simulators answer.</param>
    public static async Task<CaseHost> StartAsync(string name, Action<WebApplicationBuilder>? configure = null, bool scripted = true)
    {
        var connection = await TestDatabases.CreateAsync(name, template: await FirstStarted.Value);
        return await StartOnAsync(connection, configure, scripted);
    }

    // Every host starts on a copy of a database that one host has started on already: its tables made, the shipped
    // definitions published, accounts and invoice routes seeded. A first start spends about 6 s making those; the copy
    // takes PostgreSQL a fraction of that, and the host then finds the same state a first start would have left it.
    private static readonly Lazy<Task<string>> FirstStarted = new(() => Task.Run(async () =>
    {
        var connection = await TestDatabases.CreateAsync("first start");
        await using (await StartOnAsync(connection, configure: null, scripted: true)) { }
        return await TestDatabases.CloseForCopiesAsync(connection);
    }));

    private static async Task<CaseHost> StartOnAsync(string connection, Action<WebApplicationBuilder>? configure, bool scripted)
    {
        var clock = new ControlledClock(Start, flows: !scripted);
        var activities = new ScriptedActivities();
        var audit = Path.Combine(Path.GetTempPath(), $"sys2-audit-{Guid.NewGuid():N}");
        var anchors = new AnchorSettings(Path.Combine(audit, "anchor.key"), Path.Combine(audit, "anchors"));
        var app = await Sys2Application.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(TestAccounts.Settings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Sys2"] = connection,
                [WolverineSetup.PollingKey] = "00:00:00.100",
                [IntegrationSetup.ModeKey] = scripted ? "none" : "sandbox",
                [DemoSeeder.SeedKey] = "false",
                [AnchorSettings.KeyFileKey] = anchors.KeyFile,
                [AnchorSettings.FolderKey] = anchors.Folder,
                // MPay's receipts retried as before in tests: soon, not after MPay's real minutes and hours.
                ["Sandbox:MPay:RetrySchedule"] = "00:00:00.100,00:00:00.200,00:00:00.400",
                ["Sandbox:MPay:RetryPolling"] = "00:00:00.050",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(clock);
            if (scripted) builder.Services.AddSingleton<IActivityHandler>(activities);
            configure?.Invoke(builder);
        });
        // Ready, not merely listening: the definitions published, Wolverine running.
        await app.StartAndWaitReadyAsync();
        await FixtureDocuments.StoreAsync(app.Services);
        return new CaseHost(app, connection, clock, activities, anchors);
    }

    /// <summary>The events of a case, in order, as the tenant sees them.</summary>
    public async Task<IReadOnlyList<object>> EventsOf(string caseId, string tenant = "H769")
    {
        await using var session = Store.QuerySession(tenant);
        return (await session.Events.FetchStreamAsync(caseId)).Select(e => e.Data).ToList();
    }

    /// <summary>Waits until the engine, working in the background, has appended what the test expects.</summary>
    public Task<IReadOnlyList<object>> WhenAsync(string caseId, Func<IReadOnlyList<object>, bool> condition, string what, string tenant = "H769") =>
        Eventually.HoldsAsync(() => EventsOf(caseId, tenant), condition, $"{caseId}: {what}",
            describe: events => string.Join(", ", events.Select(e => e.GetType().Name)));

    public async ValueTask DisposeAsync()
    {
        Activities.Resume(); // a paused call would hold the shutdown until Wolverine gives up on it
        _operator?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        var audit = Path.GetDirectoryName(AnchorSettings.KeyFile)!;
        if (Directory.Exists(audit)) Directory.Delete(audit, recursive: true);
    }
}

/// <summary>
/// A clock the test moves by hand. Standing still by default, so a test's instants are exact; a
/// flowing clock also runs with real time from <c>start</c>, for tests against the simulators,
/// where a failed call's retry waits its backoff (10 s, 20 s…) on the engine's clock like any timer.
/// </summary>
public sealed class ControlledClock(DateTimeOffset start, bool flows = false) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _advanced;

    public override DateTimeOffset GetUtcNow() => start + _advanced + (flows ? Stopwatch.GetElapsedTime(_started) : TimeSpan.Zero);

    public void Advance(TimeSpan by) => _advanced += by;
}
