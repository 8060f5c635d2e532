using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;

namespace Sys2.Workflows.Runtime;

/// <summary>Who asks: the user (the subject of a verified token), the role they act in and their office.</summary>
public sealed record Actor(string User, string Role, string Office)
{
    /// <summary>The name a person reads in the audit trail; the subject when the authority sent none.</summary>
    public string? Name { get; init; }

    /// <summary>The engine itself: timers, integration answers.</summary>
    public static Actor System { get; } = new("sys2", "system", "");
}

/// <summary>Something that may advance a case: a clerk's command, an integration answer, a timer.</summary>
public abstract record Trigger;

public sealed record OpenCase(string CaseId, string Tenant, int DefinitionVersion, JsonObject Inputs, Actor By) : Trigger;

public sealed record CompleteTask(string Step, string Outcome, JsonObject Form, Actor By) : Trigger;

/// <summary>A person of the task's office takes it from the office's queue.</summary>
public sealed record ClaimTask(string Step, Actor By) : Trigger;

/// <summary>The holder gives the task back to the office's queue.</summary>
public sealed record ReleaseTask(string Step, Actor By) : Trigger;

/// <summary>
/// A manager gives the task to <c>To</c> (a user of the task's office: the host checks the office, which the
/// engine does not know people by), with a reason for the record.
/// </summary>
public sealed record ReassignTask(string Step, string To, string? ToName, string Reason, Actor By) : Trigger;

/// <summary>A person of the task's office, or a manager, writes a note on an open task.</summary>
public sealed record CommentTask(string Step, string Text, Actor By) : Trigger;

public sealed record IntegrationCompleted(string Step, int Attempt, JsonObject Result) : Trigger;

/// <summary>A call failed. Transient failures are retried per the step's policy; others give up at once.</summary>
public sealed record IntegrationErrored(string Step, int Attempt, string Error, bool Transient) : Trigger;

/// <summary>An external event arrived (a payment receipt, documents, an SdI message). <c>Step</c> narrows it when several wait.</summary>
public sealed record ReceiveEvent(string Event, JsonObject Payload, string? Step = null) : Trigger
{
    /// <summary>Sent by a regional system's authenticated endpoint, not filed by a person: a failed <c>check</c> raises an incident.</summary>
    public bool FromSystem { get; init; }

    /// <summary>Who filed it at the counter (null: a regional system, or the engine itself).</summary>
    public Actor? By { get; init; }
}

public enum TimerKind { ClockExpiry, SuspensionLimit, WaitTimeout }

/// <summary>A scheduled timer fired. <c>Generation</c> is the clock generation, or the step visit for a wait.</summary>
public sealed record TimerFired(TimerKind Kind, string Name, int Generation) : Trigger;

public sealed record SuspendDeadline(string Clock, SuspensionReason Reason, Actor By) : Trigger;

public sealed record ResumeDeadline(string Clock, Actor By) : Trigger;

public sealed record InterruptDeadline(string Clock, Actor By) : Trigger;

public sealed record RetryIncident(string Step, Actor By) : Trigger;

public sealed record AttachDocument(string Name, string Sha256, string MediaType, long Size, Actor By) : Trigger;

public sealed record WithdrawCase(string Reason, Actor By) : Trigger;

/// <summary>
/// An operator moves a running case to another stored version of its definition. <c>Mapping</c>
/// says where each flow goes (old step → new step); a flow whose step keeps its name in the new
/// version may be left out.
/// </summary>
public sealed record MigrateCase(int ToVersion, IReadOnlyDictionary<string, string> Mapping, string Reason, Actor By) : Trigger;

/// <summary>An operator's correction of one declared variable, with the reason the audit trail keeps.</summary>
public sealed record CorrectVariable(string Name, JsonNode? Value, string Reason, Actor By) : Trigger;

/// <summary>An operator gives up calling the system for a step in incident and takes the path its definition declares for a failure (<c>onFailure</c>).</summary>
public sealed record TakeFailurePath(string Step, Actor By) : Trigger;
