using Npgsql;

namespace Sys2.Host.Tests.Operations;

/// <summary>A server that is up but whose queries fail: one of Marten's tables dropped under a running host.</summary>
internal static class BrokenSchema
{
    public static async Task DropAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP TABLE {table} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
