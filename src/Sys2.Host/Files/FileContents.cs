using Marten;
using Npgsql;
using NpgsqlTypes;
using Sys2.Integrations.DigiP;

namespace Sys2.Host.Files;

/// <summary>
/// The bytes of documents, content-addressed: one row per entity and SHA-256 in
/// <c>sys2.file_contents</c> (<c>bytea</c>), stored once however often they are uploaded or
/// attached. What a file is called, and as what media type it was filed, belongs to the case
/// that names it (its input or its <c>DocumentAttached</c> event), never to the bytes: the same
/// bytes uploaded under another name rename nothing.
/// </summary>
/// <remarks>
/// Why a <c>bytea</c> table and not a folder of files or a JSON document: in the same PostgreSQL
/// as the events, the bytes of an attachment commit in the same transaction as the event that
/// names it (an event never points at bytes that are not there) and one backup holds both. Out of
/// the JSON documents, a case summary or a document query never drags megabytes of base64 through
/// the serializer, and PostgreSQL keeps the column out of line (TOAST).
/// </remarks>
public sealed class FileContents(IDocumentStore store) : IDocumentContent
{
    public const string Table = "sys2.file_contents";

    public static string CreateTableSql => $"""
        create schema if not exists sys2;
        create table if not exists {Table} (
            tenant text not null, sha256 text not null, content bytea not null, size bigint not null,
            stored_at timestamptz not null,
            primary key (tenant, sha256));
        """;

    private const string InsertSql =
        $"insert into {Table} (tenant, sha256, content, size, stored_at) values (?, ?, ?, ?, ?) on conflict (tenant, sha256) do nothing";

    /// <summary>Stores the bytes in the entity's file store on their own (an upload, before a case names them).</summary>
    public async Task StoreAsync(string tenant, string sha256, byte[] content, DateTimeOffset at, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        Enroll(session, tenant, sha256, content, at);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Queues the bytes into <paramref name="session"/>'s transaction: they commit with the event that names them, or not at all.</summary>
    public static void Enroll(IDocumentSession session, string tenant, string sha256, byte[] content, DateTimeOffset at) =>
        session.QueueSqlCommand(InsertSql, tenant, sha256, content, content.LongLength, at.ToUniversalTime());

    /// <summary>Those of <paramref name="sha256s"/> that are not in the entity's file store.</summary>
    public async Task<IReadOnlySet<string>> MissingAsync(string tenant, IReadOnlyCollection<string> sha256s, CancellationToken ct)
    {
        if (sha256s.Count == 0) return new HashSet<string>();
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select sha256 from {Table} where tenant = @tenant and sha256 = any(@shas)", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.Add(new NpgsqlParameter("shas", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sha256s.ToArray() });
        var found = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return sha256s.Where(s => !found.Contains(s)).ToHashSet();
    }

    /// <summary>The bytes of a document in the entity's own file store: another entity's files are not found.</summary>
    public async Task<byte[]?> FindAsync(string tenant, string sha256, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select content from {Table} where tenant = @tenant and sha256 = @sha", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("sha", sha256.ToLowerInvariant());
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
