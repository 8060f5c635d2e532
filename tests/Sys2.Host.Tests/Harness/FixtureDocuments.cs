using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sys2.Host.Files;
using Sys2.Host.Storage;
using Sys2.Workflows.Formats;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// The documents the harness's cases name (a signed SCIA form, an application), stored in the file
/// store of every entity when a test host starts: a new case's documents must be there.
/// </summary>
public static class FixtureDocuments
{
    public static readonly byte[] SegnalazioneBytes = Encoding.UTF8.GetBytes("SCIA: modulo firmato digitalmente (fixture dei test)");
    public static readonly byte[] IstanzaBytes = Encoding.UTF8.GetBytes("SUAP ordinario: istanza firmata con allegati (fixture dei test)");

    public static JsonObject Segnalazione() => Document("scia.pdf.p7m", "application/pkcs7-mime", SegnalazioneBytes);

    public static JsonObject Istanza() => Document("istanza.pdf", "application/pdf", IstanzaBytes);

    public static JsonObject Document(string name, string mediaType, byte[] bytes) => new()
    {
        ["name"] = name, ["sha256"] = Sha256Hex.Of(bytes), ["mediaType"] = mediaType, ["size"] = bytes.Length,
    };

    public static async Task StoreAsync(IServiceProvider services)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        foreach (var tenant in MartenSetup.Tenants)
        foreach (var bytes in new[] { SegnalazioneBytes, IstanzaBytes })
            FileContents.Enroll(session, tenant, Sha256Hex.Of(bytes), bytes, CaseHost.Start);
        await session.SaveChangesAsync();
    }

    /// <summary>The same, in the database of a host running in another process (which made the table when it started).</summary>
    public static async Task StoreAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var tenant in MartenSetup.Tenants)
        foreach (var bytes in new[] { SegnalazioneBytes, IstanzaBytes })
        {
            await using var insert = new NpgsqlCommand(
                $"insert into {FileContents.Table} (tenant, sha256, content, size, stored_at) values (@t, @s, @c, @n, now()) on conflict do nothing", connection);
            insert.Parameters.AddWithValue("t", tenant);
            insert.Parameters.AddWithValue("s", Sha256Hex.Of(bytes));
            insert.Parameters.AddWithValue("c", bytes);
            insert.Parameters.AddWithValue("n", (long)bytes.Length);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
