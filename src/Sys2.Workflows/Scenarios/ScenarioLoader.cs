using System.Text.Json;
using System.Text.Json.Nodes;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Definitions.Loading;

namespace Sys2.Workflows.Scenarios;

/// <summary>What loading one scenario file gave: its content when it could be read, and every problem at file:line:column.</summary>
public sealed record ScenarioLoad(string File, ScenarioFile? Content, IReadOnlyList<DefinitionProblem> Problems);

/// <summary>
/// Reads <c>*.scenarios.yaml</c>: YAML with line and column kept, then the fields by hand, each
/// problem where it is written. Format: docs/definition-language.md, "Scenario tests".
/// </summary>
public static class ScenarioLoader
{
    public static ScenarioLoad LoadFile(string path, string? displayName = null)
    {
        var file = displayName ?? path;
        var info = new FileInfo(path);
        if (!info.Exists) return new ScenarioLoad(file, null, [new(SourceSpan.None(file), "file not found")]);
        if (info.Length > YamlDocument.MaxBytes)
            return new ScenarioLoad(file, null, [new(SourceSpan.None(file), $"file is {info.Length} bytes; scenario files are limited to {YamlDocument.MaxBytes}")]);
        return LoadText(file, File.ReadAllText(path));
    }

    public static ScenarioLoad LoadText(string file, string text)
    {
        var problems = new List<DefinitionProblem>();
        var document = YamlDocument.Parse(file, text, problems);
        if (document.Root is null) return new ScenarioLoad(file, null, problems);
        var content = new ScenarioReader(document, problems).Read();
        return new ScenarioLoad(file, problems.Count == 0 ? content : null, problems);
    }
}

internal sealed class ScenarioReader(YamlDocument document, List<DefinitionProblem> problems)
{
    private static readonly string[] FileKeys = ["definition", "answers", "scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "opened", "tenant", "case", "inputs", "answers", "timeline"];
    private static readonly string[] Actions = ["complete", "answer", "fail", "receive", "suspend", "resume", "interrupt", "withdraw", "retry"];

    /// <summary>The fields each action takes besides its own key.</summary>
    private static readonly Dictionary<string, string[]> ActionFields = new(StringComparer.Ordinal)
    {
        ["complete"] = ["outcome", "form", "by"],
        ["answer"] = ["result"],
        ["fail"] = ["error", "transient"],
        ["receive"] = ["payload", "step", "by"],
        ["suspend"] = ["reason"],
    };

    private static readonly string[] EntryKeys =
        [.. new[] { "at", "after", "refused", "expect" }, .. Actions, .. ActionFields.Values.SelectMany(f => f).Distinct()];

    private static readonly string[] ExpectKeys = ["step", "steps", "tasks", "incidents", "outcome", "vars", "clocks", "recorded"];
    private static readonly string[] ClockKeys = ["status", "due", "shiftedFrom", "resumeBy"];
    private static readonly string[] Statuses = ["not-started", "running", "suspended", "interrupted", "stopped", "expired"];

    public ScenarioFile? Read()
    {
        if (document.Root is not JsonObject root)
        {
            Problem("", "a scenario file is a mapping: definition, answers, scenarios");
            return null;
        }
        Known(root, "", FileKeys);
        var definition = RequiredString(root, "", "definition");
        var answers = Answers(root, "");
        var scenarios = new List<Scenario>();
        if (root["scenarios"] is JsonArray list && list.Count > 0)
        {
            for (var i = 0; i < list.Count; i++)
                if (Scenario(list[i], $"/scenarios/{i}") is { } scenario) scenarios.Add(scenario);
        }
        else Problem(root.ContainsKey("scenarios") ? "/scenarios" : "", "'scenarios' must be a list of at least one scenario");
        return definition is null ? null : new ScenarioFile(document.File, definition, document.ValueAt("/definition"), answers, scenarios);
    }

    private Scenario? Scenario(JsonNode? node, string at)
    {
        if (node is not JsonObject obj) { Problem(at, "a scenario is a mapping: name, opened, inputs, timeline"); return null; }
        Known(obj, at, ScenarioKeys);
        var name = RequiredString(obj, at, "name");
        var opened = RequiredInstant(obj, at, "opened");
        var tenant = OptionalString(obj, at, "tenant") ?? "H769";
        var caseId = OptionalString(obj, at, "case");
        var inputs = new JsonObject();
        if (obj["inputs"] is JsonObject given) inputs = (JsonObject)given.DeepClone();
        else if (obj["inputs"] is not null) Problem(at + "/inputs", "'inputs' is a mapping: input name: value");
        var answers = Answers(obj, at);
        var timeline = new List<TimelineEntry>();
        if (obj["timeline"] is JsonArray entries)
        {
            for (var i = 0; i < entries.Count; i++)
                if (Entry(entries[i], $"{at}/timeline/{i}") is { } entry) timeline.Add(entry);
        }
        else Problem(obj.ContainsKey("timeline") ? at + "/timeline" : at, "'timeline' must be a list of what happens and what is expected");
        return name is null || opened is null ? null
            : new Scenario(name, document.ValueAt(at), opened.Value, tenant, caseId, inputs, document.ValueAt(at + "/inputs"), answers, timeline);
    }

    private TimelineEntry? Entry(JsonNode? node, string at)
    {
        if (node is not JsonObject obj) { Problem(at, "a timeline entry is a mapping: at/after, one thing that happens, expect"); return null; }
        Known(obj, at, EntryKeys);
        var actions = Actions.Where(obj.ContainsKey).ToList();
        if (actions.Count > 1) Problem(at, $"one thing happens per entry, not {string.Join(" and ", actions)}: split it in two entries");
        var action = actions.Count == 1 ? actions[0] : null;
        var takes = action is null ? [] : ActionFields.GetValueOrDefault(action) ?? [];
        foreach (var field in ActionFields.Values.SelectMany(f => f).Distinct().Where(f => obj.ContainsKey(f) && !takes.Contains(f)))
            Problem(at + "/" + field, $"'{field}' goes with {Owners(field)}");
        if (obj.ContainsKey("at") && obj.ContainsKey("after")) Problem(at + "/after", "give 'at' or 'after', not both");
        TimeMove? time = null;
        if (obj.ContainsKey("at") && RequiredInstant(obj, at, "at") is { } instant) time = new MoveTo(instant, document.ValueAt(at + "/at"));
        else if (obj.ContainsKey("after") && Duration(obj, at, "after") is { } by) time = new MoveBy(by, document.ValueAt(at + "/after"));
        var refused = OptionalString(obj, at, "refused");
        if (refused is not null && action is null) Problem(at + "/refused", "'refused' says an action is refused: give the action");
        var expect = obj["expect"] is null ? [] : Expectations(obj["expect"], at + "/expect");
        if (action is null && time is null && expect.Count == 0 && !obj.ContainsKey("expect"))
            Problem(at, "an entry moves time, does something or expects something: it is empty");
        return new TimelineEntry(document.ValueAt(at), time, action is null ? null : Action(action, obj, at),
            refused, document.ValueAt(at + "/refused"), expect);
    }

    private static string Owners(string field) =>
        string.Join(" or ", ActionFields.Where(p => p.Value.Contains(field)).Select(p => $"'{p.Key}'"));

    private ScenarioAction? Action(string kind, JsonObject obj, string at)
    {
        var where = document.ValueAt(at + "/" + kind);
        switch (kind)
        {
            case "complete":
                var step = RequiredString(obj, at, "complete");
                var outcome = RequiredString(obj, at, "outcome");
                return step is null || outcome is null ? null
                    : new CompleteAction(step, outcome, Object(obj, at, "form") ?? [], OptionalString(obj, at, "by"), where);
            case "answer":
                var answered = RequiredString(obj, at, "answer");
                return answered is null ? null : new AnswerAction(answered, Object(obj, at, "result") ?? [], where);
            case "fail":
                var failed = RequiredString(obj, at, "fail");
                return failed is null ? null
                    : new FailAction(failed, OptionalString(obj, at, "error") ?? "failed (scenario)", OptionalBool(obj, at, "transient") ?? false, where);
            case "receive":
                var @event = RequiredString(obj, at, "receive");
                return @event is null ? null
                    : new ReceiveAction(@event, Object(obj, at, "payload") ?? [], OptionalString(obj, at, "step"), OptionalString(obj, at, "by"), where);
            case "suspend" or "resume" or "interrupt":
                var clock = RequiredString(obj, at, kind);
                var reason = SuspensionReason.Integration;
                if (OptionalString(obj, at, "reason") is { } r)
                {
                    if (r == "preavviso") reason = SuspensionReason.Preavviso;
                    else if (r != "integration") Problem(at + "/reason", $"'reason' has unknown value '{r}': expected one of integration, preavviso");
                }
                var command = kind switch { "suspend" => ClockCommandKind.Suspend, "resume" => ClockCommandKind.Resume, _ => ClockCommandKind.Interrupt };
                return clock is null ? null : new ClockCommand(command, clock, reason, where);
            case "withdraw":
                return RequiredString(obj, at, "withdraw") is { } why ? new WithdrawAction(why, where) : null;
            default:
                return RequiredString(obj, at, "retry") is { } retried ? new RetryAction(retried, where) : null;
        }
    }

    private List<Expectation> Expectations(JsonNode? node, string at)
    {
        var expectations = new List<Expectation>();
        if (node is not JsonObject obj) { Problem(at, "'expect' is a mapping: step, tasks, clocks, vars, outcome…"); return expectations; }
        Known(obj, at, ExpectKeys);
        foreach (var (key, value) in obj)
        {
            var where = document.ValueAt($"{at}/{key}");
            switch (key)
            {
                case "step" when RequiredString(obj, at, key) is { } step:
                    expectations.Add(new StepExpectation(step, where));
                    break;
                case "outcome" when RequiredString(obj, at, key) is { } outcome:
                    expectations.Add(new OutcomeExpectation(outcome, where));
                    break;
                case "steps" when Names(value, $"{at}/{key}") is { } steps:
                    expectations.Add(new StepsExpectation(steps, where));
                    break;
                case "tasks" when Names(value, $"{at}/{key}") is { } tasks:
                    expectations.Add(new TasksExpectation(tasks, where));
                    break;
                case "incidents" when Names(value, $"{at}/{key}") is { } incidents:
                    expectations.Add(new IncidentsExpectation(incidents, where));
                    break;
                case "recorded" when Names(value, $"{at}/{key}") is { } events:
                    expectations.Add(new RecordedExpectation(events, where));
                    break;
                case "vars" when value is JsonObject vars:
                    foreach (var (name, expected) in vars)
                        expectations.Add(new VariableExpectation(name, expected?.DeepClone(), document.ValueAt($"{at}/vars/{YamlDocument.Escape(name)}")));
                    break;
                case "vars":
                    Problem($"{at}/vars", "'vars' is a mapping: variable: expected value");
                    break;
                case "clocks" when value is JsonObject clocks:
                    foreach (var (name, expected) in clocks)
                        expectations.AddRange(Clock(name, expected, $"{at}/clocks/{YamlDocument.Escape(name)}"));
                    break;
                case "clocks":
                    Problem($"{at}/clocks", "'clocks' is a mapping: clock: { status, due, shiftedFrom, resumeBy }, or clock: its status or due date");
                    break;
            }
        }
        return expectations;
    }

    private IEnumerable<Expectation> Clock(string name, JsonNode? value, string at)
    {
        if (AsString(value) is { } scalar)
        {
            if (Statuses.Contains(scalar)) yield return new ClockExpectation(name, ClockField.Status, scalar, document.ValueAt(at));
            else if (CheckInstant(scalar, at)) yield return new ClockExpectation(name, ClockField.Due, scalar, document.ValueAt(at));
            yield break;
        }
        if (value is not JsonObject fields)
        {
            Problem(at, $"clock '{name}': give its status or due date, or {{ status, due, shiftedFrom, resumeBy }}");
            yield break;
        }
        Known(fields, at, ClockKeys);
        foreach (var (key, field) in fields)
        {
            var where = document.ValueAt($"{at}/{key}");
            var text = AsString(field);
            if (text is null) { Problem($"{at}/{key}", $"'{key}' must be text, not {field?.ToJsonString() ?? "null"}"); continue; }
            switch (key)
            {
                case "status":
                    if (Statuses.Contains(text)) yield return new ClockExpectation(name, ClockField.Status, text, where);
                    else Problem($"{at}/{key}", $"'status' has unknown value '{text}': expected one of {string.Join(", ", Statuses)}");
                    break;
                case "due" when CheckInstant(text, $"{at}/{key}"):
                    yield return new ClockExpectation(name, ClockField.Due, text, where);
                    break;
                case "resumeBy" when CheckInstant(text, $"{at}/{key}"):
                    yield return new ClockExpectation(name, ClockField.ResumeBy, text, where);
                    break;
                case "shiftedFrom":
                    if (text == "none" || DateOnly.TryParseExact(text, "yyyy-MM-dd", out _))
                        yield return new ClockExpectation(name, ClockField.ShiftedFrom, text, where);
                    else Problem($"{at}/{key}", $"'shiftedFrom' is a date (yyyy-MM-dd) or none, not '{text}'");
                    break;
            }
        }
    }

    private bool CheckInstant(string text, string at)
    {
        if (text == "none" || ScenarioTime.Parse(text) is not null) return true;
        Problem(at, $"'{text}' is not a date (yyyy-MM-dd) or a date-time (yyyy-MM-ddTHH:mm, Italian time unless it has an offset)");
        return false;
    }

    private Dictionary<string, JsonNode?> Answers(JsonObject obj, string at)
    {
        var answers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (obj["answers"] is null) return answers;
        if (obj["answers"] is not JsonObject given) { Problem(at + "/answers", "'answers' is a mapping: activity or step: what it answers"); return answers; }
        foreach (var (call, result) in given)
        {
            if (result is JsonObject or null) answers[call] = result?.DeepClone();
            else Problem($"{at}/answers/{YamlDocument.Escape(call)}", $"the answer of '{call}' is a mapping (the activity's result), or null to answer it in the timeline");
        }
        return answers;
    }

    private List<string>? Names(JsonNode? node, string at)
    {
        if (node is JsonArray list && list.All(n => AsString(n) is not null)) return list.Select(n => AsString(n)!).ToList();
        Problem(at, "a list of names, e.g. [review]");
        return null;
    }

    private void Known(JsonObject obj, string at, string[] allowed)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => !allowed.Contains(k)))
            problems.Add(new DefinitionProblem(document.KeyAt($"{at}/{YamlDocument.Escape(key)}"),
                $"unknown field '{key}'{Definitions.Validation.Names.DidYouMean(key, allowed)} (expected: {string.Join(", ", allowed)})"));
    }

    private DateTimeOffset? RequiredInstant(JsonObject obj, string at, string field)
    {
        var text = RequiredString(obj, at, field);
        if (text is null) return null;
        if (ScenarioTime.Parse(text) is { } instant) return instant;
        Problem($"{at}/{field}", $"'{field}' is '{text}', not a date (yyyy-MM-dd, 09:00 that day) or a date-time (yyyy-MM-ddTHH:mm, Italian time unless it has an offset)");
        return null;
    }

    private Definitions.Duration? Duration(JsonObject obj, string at, string field)
    {
        var text = AsString(obj[field]) ?? obj[field]?.ToJsonString();
        if (Definitions.Duration.TryParse(text, out var duration)) return duration;
        Problem($"{at}/{field}", $"'{field}' has malformed duration '{text}': write a whole number and a unit, as 30d, 12h, 15m or 45s");
        return null;
    }

    private JsonObject? Object(JsonObject obj, string at, string field)
    {
        if (obj[field] is null) return null;
        if (obj[field] is JsonObject value) return (JsonObject)value.DeepClone();
        Problem($"{at}/{field}", $"'{field}' is a mapping");
        return null;
    }

    private string? RequiredString(JsonObject obj, string at, string field)
    {
        if (obj[field] is null) { Problem(obj.ContainsKey(field) ? $"{at}/{field}" : at, $"missing field '{field}'"); return null; }
        return OptionalString(obj, at, field);
    }

    private string? OptionalString(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        if (AsString(node) is { } text) return text;
        Problem($"{at}/{field}", $"'{field}' must be text, not {node.ToJsonString()}");
        return null;
    }

    private bool? OptionalBool(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        Problem($"{at}/{field}", $"'{field}' must be true or false, not {node.ToJsonString()}");
        return null;
    }

    private void Problem(string pointer, string message) => problems.Add(new DefinitionProblem(document.ValueAt(pointer), message));

    private static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
