using System.Text.Json.Nodes;

namespace Sys2.Workflows.Cases.Events;

/// <summary>A human task is open in the inbox of a role of an office.</summary>
public sealed record TaskAssigned(
    string Step, string Token, string Role, string Office, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt);

/// <summary>Who completed a task, with which outcome and form.</summary>
public sealed record TaskCompleted(
    string Step, string Token, string Outcome, string User, string Role, string Office, JsonObject Form);
