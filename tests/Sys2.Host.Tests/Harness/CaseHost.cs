using Marten;
using Sys2.Host;
using Sys2.Host.Cases;
using Sys2.Host.Definitions;
using Sys2.Host.Database;
using Sys2.Host.Storage;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// The case runtime on a fresh database of the private cluster, with the shipped
/// definitions published: the same wiring as the host, without HTTP.
/// </summary>
public sealed class CaseHost : IAsyncDisposable
{
    private CaseHost(string connectionString, DocumentStore store, ControlledClock clock)
    {
        ConnectionString = connectionString;
        Store = store;
        Clock = clock;
        Definitions = new DefinitionCatalog(store, clock);
        Cases = new CaseService(store, Definitions, new CaseNumbers(), clock);
        Verifier = new AuditVerifier(connectionString);
    }

    public string ConnectionString { get; }
    public DocumentStore Store { get; }
    public ControlledClock Clock { get; }
    public DefinitionCatalog Definitions { get; }
    public CaseService Cases { get; }
    public AuditVerifier Verifier { get; }

    public static async Task<CaseHost> StartAsync(string name)
    {
        var connection = await TestDatabases.CreateAsync(name);
        var store = DocumentStore.For(opts => MartenSetup.Configure(opts, connection));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await Sys2Application.PrepareDatabaseAsync(connection);
        var host = new CaseHost(connection, store, new ControlledClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        await host.Definitions.PublishFolderAsync(Path.Combine(RepositoryRoot.Find(), "workflows"));
        return host;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ControlledClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
