using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Web;

/// <summary>
/// The rule behind one transition of a case: the step of the definition version the event was decided with (its
/// <c>definition</c> header) that made the case move, where that step is written, what it did, and the legal
/// reference the definition carries for it (the clock's <c>basis</c>, else the procedure's <c>legalBasis</c>).
/// </summary>
public sealed record TransitionRule(long Version, string Event, string Rule, string? Where, string? Reference);

/// <summary>
/// Finds the rule an auditor asks about for each event that moved a case. It reads the definition, it does not
/// re-decide: the event says which way the engine went, the definition says why that way was the rule.
/// </summary>
public static class TransitionRules
{
    public static TransitionRule? Of(CaseHistoryEntry e, WorkflowDefinition? definition)
    {
        var p = e.Payload;
        var stepName = Text(p, "step") ?? "";
        var step = definition is not null && definition.Steps.TryGetValue(stepName, out var s) ? s : null;
        string Title(string? name) => Timeline.StepTitle(definition, name ?? "");
        var procedure = definition is null ? null : $"{definition.Id}@{VersionOf(e.Definition)}";
        var where = step is null ? null : $"{procedure}, fase «{step.Name}» ({Path.GetFileName(step.Where.File)}:{step.Where.Line})";
        var basis = definition?.LegalBasis is { Length: > 0 } b ? b : null;

        switch (e.Type)
        {
            case "CaseOpened":
                return new(e.Version, e.Type, $"La pratica si apre sul procedimento «{definition?.Title ?? Text(p, "definitionId")}» e parte dalla fase «{Title(definition?.Start.Name)}»",
                    procedure, basis);
            case "TaskCompleted" when step is TaskStep task:
                var outcome = Text(p, "outcome") ?? "";
                return new(e.Version, e.Type, $"Nel compito «{step.Label}» l'esito «{outcome}» porta a «{Title(task.OutcomeTarget(outcome)?.Name)}»", where, basis);
            case "DecisionTaken":
                var condition = Text(p, "condition") ?? "";
                return new(e.Version, e.Type, condition == "otherwise"
                    ? $"Nella decisione «{Title(stepName)}» nessuna condizione vale: si prosegue con «{Title(Text(p, "next"))}»"
                    : $"Nella decisione «{Title(stepName)}» vale la condizione «{condition}»: si prosegue con «{Title(Text(p, "next"))}»", where, basis);
            case "IntegrationSucceeded" when step is CallStep call:
                return new(e.Version, e.Type, $"La chiamata {call.Activity} in «{step.Label}» è riuscita: si prosegue con «{Title(call.Next.Name)}»", where, basis);
            case "ExternalEventReceived" when step is WaitStep wait:
                return new(e.Version, e.Type, $"Ricevuto «{wait.Event}» atteso in «{step.Label}»: si prosegue con «{Title(wait.Next.Name)}»", where, basis);
            case "WaitTimedOut" when step is WaitStep wait:
                return new(e.Version, e.Type, $"L'attesa di «{wait.Event}» in «{step.Label}» ({wait.Timeout}) è scaduta: si prosegue con «{Title(wait.OnTimeout?.Name)}»", where, basis);
            case "CaseClosed":
                return new(e.Version, e.Type, $"La fase finale «{Title(stepName)}» chiude la pratica con esito «{Text(p, "outcome")}»", where, basis);
            case "DeadlineStarted" or "DeadlineSuspended" or "DeadlineExtended" or "DeadlineInterrupted" or "DeadlineExpired":
                var clock = Text(p, "clock") ?? "";
                var spec = definition?.Clocks.GetValueOrDefault(clock);
                return new(e.Version, e.Type, Timeline.Of([e], definition)[0].What,
                    spec is null ? procedure : $"{procedure}, termine «{clock}» ({Path.GetFileName(spec.Where.File)}:{spec.Where.Line})",
                    Text(p, "basis") ?? spec?.Basis ?? basis);
            case "CaseMigrated":
                return new(e.Version, e.Type, $"Un operatore ha spostato la pratica dalla versione {Text(p, "fromVersion")} alla {Text(p, "toVersion")}: {Text(p, "reason")}",
                    procedure, null);
            default:
                return null;
        }
    }

    // "suap.scia@3#ab12…" → "3"
    private static string VersionOf(string? header) =>
        header is { } h && h.IndexOf('@') is > 0 and var at ? h[(at + 1)..].Split('#')[0] : "?";

    private static string? Text(JsonNode? payload, string name) =>
        payload is JsonObject o && (o[name] ?? o[char.ToUpperInvariant(name[0]) + name[1..]]) is JsonValue v ? v.ToString() : null;
}
