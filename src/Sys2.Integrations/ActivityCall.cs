using System.Text.Json.Nodes;

namespace Sys2.Integrations;

/// <summary>
/// One call of a <c>call</c> step to a regional system. <c>IdempotencyKey</c> is the same on
/// every delivery and every attempt of one visit of the step (case/step/visit): a system that
/// sees it twice must answer the first result again, never act twice.
/// </summary>
public sealed record ActivityCall(
    string Tenant, string CaseId, string Step, string Activity, int Attempt, string IdempotencyKey, JsonObject Input);
