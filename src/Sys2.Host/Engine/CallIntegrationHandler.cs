using Sys2.Host.Cases;
using Sys2.Integrations;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Engine;

/// <summary>
/// Carries out one integration call and brings the answer back to the case as a trigger. The
/// adapter sees the step visit's idempotency key, and the answer's command id derives from it
/// and the attempt: a redelivered message asks the system again (which answers the same) and
/// appends nothing new.
/// </summary>
public static class CallIntegrationHandler
{
    public static async Task Handle(CallIntegration message, IActivityPort port, CaseService cases, ILogger<CallIntegration> log, CancellationToken ct)
    {
        var call = new ActivityCall(message.Tenant, message.CaseId, message.Step, message.Activity, message.Attempt, message.IdempotencyKey, message.Input);
        Trigger answer;
        try
        {
            answer = new IntegrationCompleted(message.Step, message.Attempt, await port.InvokeAsync(call, ct));
        }
        catch (IntegrationException e)
        {
            answer = new IntegrationErrored(message.Step, message.Attempt, e.Message, e.Transient);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // An adapter bug or an unexpected answer: the step's retry policy decides, and an
            // incident records it when the retries run out, instead of losing the step.
            log.LogWarning(e, "{Activity} for {CaseId} failed unexpectedly", message.Activity, message.CaseId);
            answer = new IntegrationErrored(message.Step, message.Attempt, $"{message.Activity}: {e.GetType().Name}: {e.Message}", Transient: true);
        }
        CaseMovedOn.ThrowOnConflict(await cases.HandleSystemAsync(message.Tenant, message.CaseId,
            StableId.For($"answer:{message.Tenant}:{message.IdempotencyKey}#{message.Attempt}"), answer, message.CorrelationId, ct));
    }
}
