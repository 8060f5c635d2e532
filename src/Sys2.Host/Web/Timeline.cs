using System.Text.Json.Nodes;
using Sys2.Host.Cases;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Web;

/// <summary>One line of a case's timeline as a person reads it: when, who, what happened.</summary>
public sealed record TimelineLine(long Version, DateTimeOffset At, string Who, string What);

/// <summary>
/// The audit trail (<see cref="CaseHistory"/>, the auditors' own history) told in plain Italian. Step names
/// become the titles the definition gives them; the engine's own bookkeeping (a step entered, a flow
/// forked) says what it means for the case. Nothing here decides anything: it only words what was recorded.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineLine> Of(IReadOnlyList<CaseHistoryEntry> entries, WorkflowDefinition? definition) =>
        [.. entries.Select(e => new TimelineLine(e.Version, e.DecidedAt ?? e.RecordedAt, Who(e), What(e, definition)))];

    private static string Who(CaseHistoryEntry e) =>
        e.UserName ?? e.User switch
        {
            null or "" or "engine" or "system" => "Sys2",
            var user => user,
        };

    private static string What(CaseHistoryEntry e, WorkflowDefinition? definition)
    {
        var p = e.Payload;
        string S(string name) => Text(p, name) ?? "";
        string Step() => StepTitle(definition, S("step"));
        return e.Type switch
        {
            "CaseOpened" => "Pratica aperta",
            "StepEntered" => $"Fase: {Step()}",
            "TaskAssigned" => $"Compito assegnato all'ufficio {S("office")}: {Step()}",
            "TaskClaimed" => $"Compito «{Step()}» preso in carico da {Text(p, "userName") ?? S("user")}",
            "TaskReleased" => $"Compito «{Step()}» rimesso nella coda dell'ufficio",
            "TaskReassigned" => $"Compito «{Step()}» riassegnato a {Text(p, "toName") ?? S("to")}: {S("reason")}",
            "TaskCommented" => $"Nota su «{Step()}»: {S("text")}",
            "TaskCompleted" => $"Compito «{Step()}» completato con esito «{S("outcome")}»",
            "VariablesSet" => $"Dati registrati: {string.Join(", ", (Node(p, "values") as JsonObject)?.Select(v => v.Key) ?? [])}",
            "DecisionTaken" => $"Decisione «{Step()}»: si prosegue con {StepTitle(definition, S("next"))}",
            "StepAbandoned" => $"Fase «{Step()}» abbandonata: {S("why")}",
            "DocumentAttached" => $"Documento allegato: {S("name")}",
            "CaseClosed" => $"Pratica chiusa con esito «{S("outcome")}»" + (Text(p, "reason") is { Length: > 0 } r ? $": {r}" : ""),
            "CaseMigrated" => "Pratica spostata su un'altra versione del procedimento",
            "DeadlineStarted" => $"Termine «{S("clock")}» avviato: scade il {DateOf(p, "dueAt")} ({S("basis")})",
            "DeadlineSuspended" => $"Termine «{S("clock")}» sospeso: {S("reason")} ({S("basis")})",
            "DeadlineResumed" => $"Termine «{S("clock")}» ripreso: scade il {DateOf(p, "dueAt")}",
            "DeadlineExtended" => $"Termine «{S("clock")}» prorogato al {DateOf(p, "dueAt")} ({S("basis")})",
            "DeadlineInterrupted" => $"Termine «{S("clock")}» interrotto ({S("basis")})",
            "DeadlineStopped" => $"Termine «{S("clock")}» concluso",
            "DeadlineExpired" => $"Termine «{S("clock")}» decorso",
            "DeadlineOperationRefused" => $"Operazione sul termine «{S("clock")}» non consentita: {S("why")}",
            "IntegrationRequested" => $"Richiesta a un sistema esterno ({S("activity")}) per «{Step()}»",
            "IntegrationSucceeded" => $"Risposta ricevuta da {S("activity")}",
            "IntegrationFailed" => $"Chiamata a {S("activity")} non riuscita: {S("error")}",
            "IncidentRaised" => $"Incidente in «{Step()}»: {S("reason")}",
            "VariableCorrected" => $"Correzione dell'operatore: «{S("name")}» da {Node(p, "previous")?.ToJsonString() ?? "vuoto"} a {Node(p, "value")?.ToJsonString() ?? "vuoto"} (motivo: {S("reason")})",
            "IncidentResolved" => $"Incidente in «{Step()}» risolto: {S("resolution")}",
            "WaitStarted" => $"In attesa di «{S("event")}»" + (Text(p, "timeoutAt") is not null ? $" fino al {DateOf(p, "timeoutAt")}" : ""),
            "ExternalEventReceived" => $"Ricevuto: «{S("event")}»",
            "WaitTimedOut" => $"Attesa di «{S("event")}» scaduta",
            "BranchesForked" => $"Lavorazioni in parallelo da «{Step()}»",
            "BranchFinished" => "Una lavorazione in parallelo è conclusa",
            "BranchesJoined" => "Lavorazioni in parallelo riunite",
            var other => other,
        };
    }

    public static string StepTitle(WorkflowDefinition? definition, string step) =>
        definition is not null && definition.Steps.TryGetValue(step, out var s) ? s.Label : step;

    // The store's serializer may write camelCase or the records' own names: accept both.
    private static JsonNode? Node(JsonNode? payload, string name) =>
        payload is JsonObject o ? o[name] ?? o[char.ToUpperInvariant(name[0]) + name[1..]] : null;

    private static string? Text(JsonNode? payload, string name) =>
        Node(payload, name) is JsonValue v ? v.ToString() : null;

    private static string DateOf(JsonNode? payload, string name) =>
        Text(payload, name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? ItalianText.Date(at)
            : "?";
}
