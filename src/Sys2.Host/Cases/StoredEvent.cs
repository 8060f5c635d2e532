using System.Text.Json;
using Npgsql;
using Sys2.Host.Storage;

namespace Sys2.Host.Cases;

/// <summary>
/// One row of <c>mt_events</c> as PostgreSQL holds it: the event's JSON and its headers as text, untouched by
/// Marten's serializer. What the audit chain is recomputed from (<see cref="AuditChain.HashOf"/>), in the
/// database by <see cref="AuditVerifier"/> and, offline, from a dossier's copy of the same rows.
/// </summary>
public sealed record StoredEvent(long Version, string DotnetType, string Data, string? Headers, DateTimeOffset RecordedAt)
{
    /// <summary>"Sys2.Workflows.Cases.Events.CaseOpened, Sys2.Workflows" → "CaseOpened": the type as the chain hashes it.</summary>
    public string Type
    {
        get
        {
            var full = DotnetType.Split(',')[0];
            return full[(full.LastIndexOf('.') + 1)..];
        }
    }

    /// <summary>The headers as name → text (a header that is not text, or absent, is null).</summary>
    public IReadOnlyDictionary<string, string?> HeaderValues()
    {
        var headers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(string.IsNullOrEmpty(Headers) ? "{}" : Headers) ?? [];
        return headers.ToDictionary(h => h.Key, h => h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString() : null);
    }

    /// <summary>The event's link in the chain as stored (its <c>hash</c> header); null when it has none.</summary>
    public string? StoredHash => HeaderValues().GetValueOrDefault(EventHeaders.Hash);

    /// <summary>The rows of one stream, in version order, straight from PostgreSQL.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlConnection connection, string tenant, string caseId, CancellationToken ct,
        string schema = MartenSetup.Schema)
    {
        await using var command = new NpgsqlCommand(
            $"select version, mt_dotnet_type, data::text, headers::text, timestamp from {schema}.mt_events where tenant_id = @t and stream_id = @s order by version",
            connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("s", caseId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredEvent>();
        while (await reader.ReadAsync(ct))
            rows.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        return rows;
    }
}
