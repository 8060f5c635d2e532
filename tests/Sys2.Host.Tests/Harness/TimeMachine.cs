using Npgsql;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Moves the engine's clock forward and Wolverine's scheduled messages with it: a timer due in
/// 30 days is a row in Wolverine's scheduled-envelope table; advancing 30 days brings its
/// execution time to now, and Wolverine's own poller delivers it.
/// </summary>
public sealed class TimeMachine(ControlledClock clock, string connectionString)
{
    public async Task AdvanceAsync(TimeSpan by)
    {
        clock.Advance(by);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"update {await EnvelopeTableAsync(connection)} set execution_time = execution_time - @by where status = 'Scheduled'", connection);
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many messages wait for their time.</summary>
    public async Task<long> ScheduledCountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {await EnvelopeTableAsync(connection)} where status = 'Scheduled'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> EnvelopeTableAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes' limit 1", connection);
        var schema = await command.ExecuteScalarAsync() as string ?? throw new InvalidOperationException("Wolverine's envelope tables are missing");
        return $"{schema}.wolverine_incoming_envelopes";
    }
}
