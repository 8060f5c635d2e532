using System.Text.Json.Nodes;

namespace Sys2.Workflows.Cases.Events;

/// <summary>
/// An operator corrected a variable of the case by hand (a wrong value that made a step fail), with her reason:
/// not a step's doing, so it is its own event, which the fascicolo and the audit trail show as a correction, with
/// the value it replaced.
/// </summary>
public sealed record VariableCorrected(string Name, JsonNode? Value, JsonNode? Previous, string Reason, string CorrectedBy);
