using Npgsql;
using Sys2.Host.Cases;
using Sys2.Host.Files;
using Sys2.Host.Storage;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// What a refused request must not have written, counted straight from PostgreSQL. Marten's
/// <c>mt_tombstone</c> stream is not a case: Marten writes to it when a transaction that appended
/// events fails (a concurrent writer got in first), to account for the sequence numbers it used.
/// </summary>
public sealed record DatabaseCounts(long Events, long Streams, long CaseNumbersTaken, long DueMessages, long ProcessedCommands, long Files)
{
    public static async Task<DatabaseCounts> OfAsync(CaseHost host)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
        }
        var s = MartenSetup.Schema;
        return new DatabaseCounts(
            await Count($"select count(*) from {s}.mt_events where stream_id <> 'mt_tombstone'"),
            await Count($"select count(*) from {s}.mt_streams where id <> 'mt_tombstone'"),
            await Count($"select coalesce(sum(last), 0) from {CaseNumbers.Table}"),
            await Count($"select count(*) from {s}.mt_doc_duemessage"),
            await Count($"select count(*) from {s}.mt_doc_processedcommand"),
            await Count($"select count(*) from {FileContents.Table}"));
    }
}
