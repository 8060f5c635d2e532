using System.Text.Json.Nodes;

namespace Sys2.Workflows.Cases.Events;

// Stored events live for decades: rename with an upcaster, never by editing a record.

/// <summary>A case was opened on a pinned definition version (id + number + content hash).</summary>
public sealed record CaseOpened(
    string CaseId,
    string Tenant,
    string DefinitionId,
    int DefinitionVersion,
    string DefinitionHash,
    string Kind,
    JsonObject Inputs,
    string OpenedBy,
    DateTimeOffset OpenedAt);

/// <summary>The case moved into a step. <c>Token</c> is the flow that moved: <c>main</c> or a parallel branch.</summary>
public sealed record StepEntered(string Step, string Kind, string Token, int Visit);

/// <summary>Case variables written by an <c>out:</c> mapping.</summary>
public sealed record VariablesSet(string Step, JsonObject Values);

/// <summary>A decision step chose its way; <c>Condition</c> is the condition that held, or <c>otherwise</c>.</summary>
public sealed record DecisionTaken(string Step, string Token, string Condition, string Next);

/// <summary>A flow left a step without finishing it, e.g. an open task when a clock expired.</summary>
public sealed record StepAbandoned(string Step, string Token, string Why);

/// <summary>A document joined the case; its SHA-256 lets anyone prove later it is the same file.</summary>
public sealed record DocumentAttached(string Name, string Sha256, string MediaType, long Size, string AttachedBy);

/// <summary>The case ended. Closing a case stops all its clocks.</summary>
public sealed record CaseClosed(string Outcome, string Step, string? Reason);

/// <summary>
/// An operator moved the case to another version of its definition: from here on it is decided
/// on <c>ToVersion</c> (content hash <c>ToHash</c>), each flow standing where <c>Mapping</c> took it.
/// </summary>
public sealed record CaseMigrated(
    int FromVersion,
    int ToVersion,
    string ToHash,
    IReadOnlyDictionary<string, string> Mapping,
    string MigratedBy,
    string Reason);
