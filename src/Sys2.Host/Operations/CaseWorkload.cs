using Marten;
using Npgsql;
using Sys2.Host.Integrations;
using Sys2.Host.Views;

namespace Sys2.Host.Operations;

/// <summary>Open incidents, legal terms due soon and payments no case took still open, over every entity, as last counted.</summary>
public sealed record WorkloadCount(long IncidentsOpen, long DeadlinesDue, DateTimeOffset CountedAt, long UnmatchedPaymentsOpen = 0);

/// <summary>
/// Counts the open workload every <see cref="Every"/> with one SQL statement over the case
/// summaries of all tenants, so a metrics scrape never touches the database and a burst of
/// scrapes costs nothing. While the database is down the last count stays.
/// </summary>
public sealed class CaseWorkload(IDocumentStore store, TimeProvider clock, ILogger<CaseWorkload> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>The horizon of the deadlines gauge, the same week as the operators' <c>GET /api/deadlines</c>.</summary>
    public static readonly TimeSpan DueWithin = TimeSpan.FromDays(7);

    public WorkloadCount Latest { get; private set; } = new(0, 0, DateTimeOffset.MinValue);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("The open workload could not be counted ({Reason}); the gauges keep the count of {CountedAt}", e.Message, Latest.CountedAt);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<WorkloadCount> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var table = store.Options.FindOrResolveDocumentType(typeof(CaseSummary)).TableName.QualifiedName;
        var payments = store.Options.FindOrResolveDocumentType(typeof(UnmatchedPayment)).TableName.QualifiedName;
        // The summary's JSON keeps the C# property names; the statuses are the projection's own words.
        var sql = $"""
            select
              (select coalesce(sum(jsonb_array_length(data -> 'Incidents')), 0) from {table} where data ->> 'Status' = 'open'),
              (select count(*) from {table} s cross join lateral jsonb_array_elements(s.data -> 'Clocks') k
                where s.data ->> 'Status' = 'open' and k ->> 'Status' = 'running' and (k ->> 'DueAt')::timestamptz <= @until),
              (select count(*) from {payments} where data ->> 'Handled' is null)
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("until", now + DueWithin);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Latest = new WorkloadCount(reader.GetInt64(0), reader.GetInt64(1), now, reader.GetInt64(2));
        return Latest;
    }
}
