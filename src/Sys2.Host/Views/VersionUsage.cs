using Marten;
using Npgsql;

namespace Sys2.Host.Views;

/// <summary>How many cases of every entity run on one version of a definition, and how many stand at each step.</summary>
public sealed record VersionCount(string DefinitionId, int Version, long Open, long Closed, IReadOnlyDictionary<string, long> OpenAtStep);

/// <summary>
/// The cases on each version of the definitions, counted by PostgreSQL over the case summaries of all tenants: a
/// definition is shared by the 64 entities, so its designer sees how many cases run on it everywhere, as counts only
/// (no case number, no applicant, nothing of another entity's cases leaves the database).
/// </summary>
public static class VersionUsage
{
    public static async Task<IReadOnlyList<VersionCount>> CountAsync(IDocumentStore store, string? definitionId, CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(CaseSummary)).TableName.QualifiedName;
        // The summary's JSON keeps the C# property names (see CaseWorkload); StepNames are the open flows' steps.
        var sql = $"""
            select data ->> 'DefinitionId', (data ->> 'DefinitionVersion')::int, null, count(*) filter (where data ->> 'Status' = 'open'), count(*) filter (where data ->> 'Status' <> 'open')
              from {table} where @id is null or data ->> 'DefinitionId' = @id group by 1, 2
            union all
            select s.data ->> 'DefinitionId', (s.data ->> 'DefinitionVersion')::int, step, count(*), 0
              from {table} s cross join lateral jsonb_array_elements_text(s.data -> 'StepNames') step
             where s.data ->> 'Status' = 'open' and (@id is null or s.data ->> 'DefinitionId' = @id) group by 1, 2, 3
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)definitionId ?? DBNull.Value });
        var totals = new Dictionary<(string, int), (long Open, long Closed)>();
        var steps = new Dictionary<(string, int), SortedDictionary<string, long>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetString(0), reader.GetInt32(1));
                if (reader.IsDBNull(2)) totals[key] = (reader.GetInt64(3), reader.GetInt64(4));
                else
                {
                    if (!steps.TryGetValue(key, out var atStep)) steps[key] = atStep = new SortedDictionary<string, long>(StringComparer.Ordinal);
                    atStep[reader.GetString(2)] = reader.GetInt64(3);
                }
            }
        return [.. totals.OrderBy(t => t.Key.Item1, StringComparer.Ordinal).ThenBy(t => t.Key.Item2)
            .Select(t => new VersionCount(t.Key.Item1, t.Key.Item2, t.Value.Open, t.Value.Closed,
                steps.TryGetValue(t.Key, out var s) ? s : new SortedDictionary<string, long>()))];
    }
}
