using JasperFx.CodeGeneration;
using JasperFx.Resources;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Configuration;

namespace Sys2.Host.Engine;

/// <summary>
/// Wolverine carries the engine's integration calls and timers: durable local queues (the
/// messages are rows in PostgreSQL until handled), scheduled messages polled every
/// <c>Sys2:Engine:SchedulePolling</c> (Wolverine's default is 5 s; the tests use 100 ms), the
/// same period at which <see cref="DueMessageSweep"/> hands the engine's due timers and retries to Wolverine.
/// </summary>
public static class WolverineSetup
{
    public const string PollingKey = "Sys2:Engine:SchedulePolling";

    /// <summary>
    /// How soon the messages a crashed node owned are taken over by a live one. Wolverine's
    /// defaults (tens of seconds to minutes) suit production; the crash tests use seconds.
    /// </summary>
    public const string RecoveryKey = "Sys2:Engine:RecoveryPolling";

    public static void Configure(WolverineOptions opts, IConfiguration configuration)
    {
        opts.ApplicationAssembly = typeof(WolverineSetup).Assembly;
        // The handler adapters are generated ahead of time into Internal/Generated (`codegen write`, see README) and
        // compiled with the host: no Roslyn at run time, ~100 MB less memory and a start in seconds. A test
        // (when_the_generated_code_is_checked) fails when a handler changed and the files were not written again.
        opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        opts.Discovery.IncludeAssembly(typeof(WolverineSetup).Assembly);

        opts.Policies.UseDurableLocalQueues();
        opts.Durability.ScheduledJobPollingTime = configuration.GetValue(PollingKey, TimeSpan.FromSeconds(5));
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(100);
        // Readiness waits for the durability agent (outbox, timers, recovery), which the node's health checks place: at
        // Wolverine's defaults (a first check after seconds, then every 10 s) the host was ready 12 s after the rest
        // of its start, 17 s in all. A check is a heartbeat and a look at the node table, a few statements a second.
        opts.Durability.FirstHealthCheckExecution = TimeSpan.Zero;
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
        if (configuration.GetValue<TimeSpan?>(RecoveryKey) is { } recovery)
        {
            opts.Durability.HealthCheckPollingTime = recovery;
            opts.Durability.StaleNodeTimeout = recovery * 3;
            opts.Durability.NodeReassignmentPollingTime = recovery;
            opts.Durability.OrphanedMessageSweepPollingTime = recovery;
            opts.Durability.FirstNodeReassignmentExecution = recovery;
        }
        // One lane per case: the messages of one case (two branches answering at once, a timer and
        // an answer) are handled one after the other, so they apply instead of racing for the
        // stream; different cases run side by side in 4 queues x 5 lanes.
        opts.MessagePartitioning
            .ByMessage<ICaseMessage>(m => m.CaseId)
            .PublishToPartitionedLocalMessaging("cases", 4, topology =>
            {
                topology.MessagesImplementing<ICaseMessage>();
                topology.MaxDegreeOfParallelism = PartitionSlots.Five;
            });

        // A clerk's command got in between: decide the trigger again on the new version, at once
        // and then after short pauses (the lanes keep the engine's own messages apart already).
        opts.OnException<CaseMovedOn>().RetryWithCooldown(
            TimeSpan.Zero, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

        // Adapter failures never reach here (they become triggers); these are database hiccups,
        // worth another go before the message is parked in the dead-letter table.
        opts.OnAnyException().RetryWithCooldown(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        opts.Services.AddResourceSetupOnStartup();
    }
}
