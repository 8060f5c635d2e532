using JasperFx.Events;
using Marten;
using Npgsql;
using Sys2.Host.Storage;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Reads every case stream of a database straight from PostgreSQL, whichever process wrote it,
/// and checks the engine's promises: each call answered once, no answer without its request.
/// </summary>
public sealed class CaseLedger(string connectionString) : IAsyncDisposable
{
    private readonly DocumentStore _store = DocumentStore.For(opts => MartenSetup.Configure(opts, connectionString));

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> AllAsync()
    {
        var streams = new Dictionary<string, IReadOnlyList<object>>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id, tenant_id from {MartenSetup.Schema}.mt_streams order by id", connection);
        var keys = new List<(string Id, string Tenant)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (id, tenant) in keys)
        {
            await using var session = _store.QuerySession(tenant);
            streams[id] = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
        }
        return streams;
    }

    /// <summary>Calls requested and not yet answered: a case waiting on a call that may never happen.</summary>
    public static IReadOnlyList<string> Unanswered(IReadOnlyList<object> events)
    {
        var answered = events.Select(e => e switch
        {
            IntegrationSucceeded s => $"{s.Step}#{s.Attempt}",
            IntegrationFailed f => $"{f.Step}#{f.Attempt}",
            _ => null,
        }).OfType<string>().ToHashSet();
        return events.OfType<IntegrationRequested>().Select(r => $"{r.Step}#{r.Attempt}").Where(k => !answered.Contains(k)).ToList();
    }

    /// <summary>A call answered twice, or a step entered twice on the same visit: something was applied twice.</summary>
    public static IReadOnlyList<string> AppliedTwice(IReadOnlyList<object> events) =>
        events.Select(e => e switch
            {
                IntegrationSucceeded s => $"answer {s.Step}#{s.Attempt}",
                IntegrationFailed f => $"answer {f.Step}#{f.Attempt}",
                IntegrationRequested r => $"request {r.IdempotencyKey}#{r.Attempt}",
                StepEntered s => $"enter {s.Step}/{s.Token}/{s.Visit}",
                CaseOpened => "opened",
                _ => null,
            })
            .OfType<string>().GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
