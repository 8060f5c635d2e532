using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Engine;

/// <summary>
/// A timer fell due. The decider ignores it if the clock's generation moved on (a suspension,
/// a resumption, an interruption) or the wait was left; the command id makes a second delivery a no-op.
/// </summary>
public static class FireTimerHandler
{
    public static async Task Handle(FireTimer message, CaseService cases, CancellationToken ct) =>
        CaseMovedOn.ThrowOnConflict(await cases.HandleSystemAsync(message.Tenant, message.CaseId,
            StableId.For($"timer:{message.Tenant}:{message.CaseId}:{message.Kind}:{message.Name}:{message.Generation}"),
            new TimerFired(message.Kind, message.Name, message.Generation), null, ct));
}
