using System.Text.Json;
using Npgsql;
using Sys2.Host.Storage;

namespace Sys2.Host.Cases;

/// <summary>What the auditor learns about one stream: intact, or the first event that does not fit the chain.</summary>
public sealed record ChainReport(string Tenant, string CaseId, int Events, long? FirstBrokenVersion, string? Problem)
{
    public bool Intact => Problem is null;

    public override string ToString() => Intact
        ? $"{Tenant}/{CaseId}: {Events} events, chain intact"
        : $"{Tenant}/{CaseId}: ALTERED at version {FirstBrokenVersion}: {Problem}";
}

/// <summary>
/// Recomputes the audit chain from the rows PostgreSQL holds, not from what Marten would
/// give back, so a change made directly in the database is seen.
/// </summary>
public sealed class AuditVerifier(string connectionString, string schema = MartenSetup.Schema)
{
    public async Task<IReadOnlyList<ChainReport>> VerifyAllAsync(CancellationToken ct = default)
    {
        var streams = new List<(string Tenant, string Id)>();
        await using (var connection = await OpenAsync(ct))
        await using (var command = new NpgsqlCommand($"select distinct tenant_id, stream_id from {schema}.mt_events order by 1, 2", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) streams.Add((reader.GetString(0), reader.GetString(1)));
        var reports = new List<ChainReport>();
        foreach (var (tenant, id) in streams) reports.Add(await VerifyAsync(tenant, id, ct));
        return reports;
    }

    public async Task<ChainReport> VerifyAsync(string tenant, string caseId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select version, mt_dotnet_type, data::text, headers::text from {schema}.mt_events where tenant_id = @t and stream_id = @s order by version",
            connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("s", caseId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var previous = "";
        long expectedVersion = 1;
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            count++;
            var version = reader.GetInt64(0);
            if (version != expectedVersion)
                return new ChainReport(tenant, caseId, count, expectedVersion, $"event {expectedVersion} is missing (next stored is {version})");
            var type = TypeName(reader.GetString(1));
            var headers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(reader.IsDBNull(3) ? "{}" : reader.GetString(3)) ?? [];
            var metadata = EventHeaders.Covered.Concat(EventHeaders.CoveredWhenPresent)
                .ToDictionary(k => k, k => headers.TryGetValue(k, out var v) ? v.GetString() : null);
            var stored = headers.TryGetValue(EventHeaders.Hash, out var h) ? h.GetString() : null;
            var computed = AuditChain.Hash(previous, type, reader.GetString(2), metadata);
            if (stored != computed)
                return new ChainReport(tenant, caseId, count, version,
                    $"{type} does not match its hash: its content, metadata or position was changed, or an event before it was removed");
            previous = computed;
            expectedVersion++;
        }
        return new ChainReport(tenant, caseId, count, null, count == 0 ? "no events" : null);
    }

    // "Sys2.Workflows.Cases.Events.CaseOpened, Sys2.Workflows" -> "CaseOpened"
    private static string TypeName(string dotnetType)
    {
        var full = dotnetType.Split(',')[0];
        return full[(full.LastIndexOf('.') + 1)..];
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
