using Npgsql;
using Sys2.Host.Storage;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// Moves the engine's clock forward. Timers and retries are due messages on the engine's clock
/// (<c>DueMessage</c>), so moving the clock is all it takes: the host's own sweep sends what has
/// come due. Nothing of Wolverine's is touched.
/// </summary>
public sealed class TimeMachine(ControlledClock clock, string connectionString)
{
    public Task AdvanceAsync(TimeSpan by)
    {
        clock.Advance(by);
        return Task.CompletedTask;
    }

    /// <summary>How many timers and retries wait for their time, in every tenant.</summary>
    public async Task<long> ScheduledCountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {MartenSetup.Schema}.mt_doc_duemessage", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
