using Marten;
using Wolverine;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Sys2.Host.Engine;

/// <summary>
/// Hands the engine's due messages to Wolverine: every <c>Sys2:Engine:SchedulePolling</c> it takes
/// those whose time has come on the <see cref="TimeProvider"/>, and in one transaction deletes them
/// and puts their messages in Wolverine's durable outbox, so a timer is either still due or on its
/// way, never lost and never sent twice by one sweep. Several hosts sweep in turn (a transaction
/// advisory lock); a message that still arrives twice is recognised by its derived command id.
/// </summary>
public sealed class DueMessageSweep(
    OutboxedSessionFactory outboxed, IWolverineRuntime runtime, TimeProvider clock,
    IConfiguration configuration, ILogger<DueMessageSweep> log) : BackgroundService
{
    /// <summary>At most this many messages a sweep, so one transaction stays short.</summary>
    private const int Batch = 500;

    // Any fixed number shared by every host of the installation: it names the sweep's lock.
    private const long SweepLock = 0x5359_5332_5357_4550;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polling = configuration.GetValue(WolverineSetup.PollingKey, TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more are due: go again at once.
                if (await SweepAsync(stoppingToken) == Batch) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away: the messages wait in their table until it is back.
                log.LogWarning(e, "Due messages not swept; trying again in {Polling}", polling);
            }
            await Task.Delay(polling, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Sends what is due now; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var bus = new MessageContext(runtime);
        await using var session = outboxed.OpenSession(bus);
        await session.BeginTransactionAsync(ct);
        var locked = await session.QueryAsync<bool>("select pg_try_advisory_xact_lock(?)", ct, SweepLock);
        if (!locked.Single()) return 0;
        var due = await session.Query<DueMessage>()
            .Where(m => m.AnyTenant() && m.DueAt <= now)
            .OrderBy(m => m.DueAt)
            .Take(Batch)
            .ToListAsync(ct);
        foreach (var message in due)
        {
            session.ForTenant(message.Tenant).Delete(message);
            await bus.SendAsync(message.ToMessage());
        }
        await session.SaveChangesAsync(ct);
        return due.Count;
    }
}
