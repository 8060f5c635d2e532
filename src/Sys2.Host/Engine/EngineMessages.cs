using System.Text.Json.Nodes;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Engine;

// Messages carried durably by Wolverine. They live in the outbox and the scheduled-message
// table across restarts, so renaming one strands the ones already stored: add, don't rename.

/// <summary>
/// A message about one case. Wolverine handles the messages of one case one after the other
/// (partitioned by <see cref="CaseId"/>, see <see cref="WolverineSetup"/>), and those of
/// different cases side by side.
/// </summary>
public interface ICaseMessage
{
    string Tenant { get; }
    string CaseId { get; }
}

/// <summary>Carry out the integration call a case requested (an <c>IntegrationRequested</c> event).</summary>
public sealed record CallIntegration(
    string Tenant, string CaseId, string Step, string Activity, int Attempt, string IdempotencyKey, JsonObject Input, string? CorrelationId)
    : ICaseMessage;

/// <summary>A legal term, a suspension limit or a wait timeout falls due. Stale generations do nothing.</summary>
public sealed record FireTimer(string Tenant, string CaseId, TimerKind Kind, string Name, int Generation, DateTimeOffset DueAt) : ICaseMessage;

/// <summary>
/// The case started waiting for an SdI message (an <c>sdi-notification</c> wait): the DTs kept with its received file,
/// which came while it waited for none, are handed to it (<c>SdiMessageIntake.ForwardKeptAsync</c>).
/// </summary>
public sealed record ForwardKeptSdiMessages(string Tenant, string CaseId, string Step, int Visit) : ICaseMessage;
