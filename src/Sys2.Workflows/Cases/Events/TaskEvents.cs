using System.Text.Json.Nodes;

namespace Sys2.Workflows.Cases.Events;

/// <summary>A human task is open in the inbox of a role of an office.</summary>
public sealed record TaskAssigned(
    string Step, string Token, string Role, string Office, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt);

/// <summary>Who completed a task, with which outcome and form.</summary>
public sealed record TaskCompleted(
    string Step, string Token, string Outcome, string User, string Role, string Office, JsonObject Form);

// Who works a task of an office's queue. The task stays the office's (role and office do not
// change); these say which person of the office holds it, so two clerks do not work the same
// task and a manager can see and move the work of someone absent.

/// <summary>A person of the task's office took the task from the office's queue: it is hers until she releases it or a manager moves it.</summary>
public sealed record TaskClaimed(string Step, string Token, string User, string? UserName);

/// <summary>The holder gave the task back to the office's queue.</summary>
public sealed record TaskReleased(string Step, string Token, string User);

/// <summary>A manager gave the task to another person of its office (<c>From</c>: who held it, null when it was in the queue), with the reason (an absence, the workload).</summary>
public sealed record TaskReassigned(string Step, string Token, string? From, string To, string? ToName, string By, string Reason);

/// <summary>A note kept with an open task (a call to the applicant, what is missing): part of the case's record, with who wrote it.</summary>
public sealed record TaskCommented(string Step, string Token, string User, string? UserName, string Text);
