using System.Text.Json.Nodes;

namespace Sys2.Workflows.Cases.Events;

/// <summary>
/// A regional system must be called. The handler that carries this out uses
/// <c>IdempotencyKey</c> (one per visit of the step, shared by its attempts) so a retried delivery or attempt never acts twice, and waits until <c>NotBefore</c>.
/// </summary>
public sealed record IntegrationRequested(
    string Step, string Token, string Activity, int Attempt, string IdempotencyKey, JsonObject Input, DateTimeOffset NotBefore);

public sealed record IntegrationSucceeded(string Step, string Token, string Activity, int Attempt, JsonObject Output);

public sealed record IntegrationFailed(string Step, string Token, string Activity, int Attempt, string Error, bool WillRetry);

/// <summary>The engine gave up on a step; the case waits, visible to an operator, until retried.</summary>
public sealed record IncidentRaised(string Step, string Token, string Activity, int Attempts, string Reason);

public sealed record IncidentResolved(string Step, string Token, string Resolution, string ResolvedBy);

/// <summary>A bookmark: the flow waits for an external event (a payment receipt, documents, an SdI message).</summary>
public sealed record WaitStarted(string Step, string Token, string Event, DateTimeOffset? TimeoutAt, int Visit);

/// <summary>An external event a wait took; with <see cref="LateToken"/>, one that came after its wait ended, recorded without moving the case.</summary>
public sealed record ExternalEventReceived(string Step, string Token, string Event, JsonObject Payload)
{
    /// <summary>The token of an event recorded after its wait ended (no flow holds it).</summary>
    public const string LateToken = "late";
}

public sealed record WaitTimedOut(string Step, string Token, string Event);
