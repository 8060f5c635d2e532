using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sys2.Workflows.Definitions.Loading;

/// <summary>
/// Turns the JSON form of a definition into the typed model, reporting what it cannot
/// understand with the line and column it came from. It never throws on bad input: a step
/// it cannot read becomes an <see cref="InvalidStep"/> so that the rest is still checked.
/// </summary>
internal sealed class ModelBuilder(YamlDocument document, List<DefinitionProblem> problems)
{
    private static readonly string[] StepKinds = ["task", "decision", "call", "wait", "deadline", "parallel", "end"];

    public WorkflowDefinition? Build(string canonicalJson, string contentHash)
    {
        if (document.Root is not JsonObject root)
        {
            if (document.Root is not null) Problem("", "a definition must be a mapping of fields (id, title, kind, steps…)");
            return null;
        }
        var id = RequiredString(root, "", "id");
        var title = RequiredString(root, "", "title");
        var kind = OneOf<CaseKind>(root, "", "kind");
        var legalBasis = RequiredString(root, "", "legalBasis");
        var inputs = Fields(root["inputs"], "/inputs");
        var variables = Fields(root["variables"], "/variables");
        var clocks = Clocks(root["clocks"], "/clocks");
        var start = Ref(root, "", "start");
        var steps = Steps(root["steps"], "/steps");
        if (id is null || title is null || kind is null || legalBasis is null || start is null) return null;
        return new WorkflowDefinition(
            id, title, kind.Value, legalBasis,
            OptionalString(root, "", "procedure"), OptionalString(root, "", "description"),
            inputs, variables, clocks, start, steps, document.File, canonicalJson, contentHash)
        {
            IdWhere = document.ValueAt("/id"),
        };
    }

    private Dictionary<string, Step> Steps(JsonNode? node, string pointer)
    {
        var steps = new Dictionary<string, Step>(StringComparer.Ordinal);
        if (node is null) { Problem("", "missing field 'steps'"); return steps; }
        if (node is not JsonObject obj) { Problem(pointer, "'steps' must be a mapping of named steps"); return steps; }
        foreach (var (name, value) in obj)
        {
            var at = pointer + "/" + YamlDocument.Escape(name);
            steps[name] = value is JsonObject stepObject
                ? Step(name, stepObject, at) ?? new InvalidStep(name, document.KeyAt(at))
                : Invalid(name, at, $"step '{name}' must be a mapping with one of: {string.Join(", ", StepKinds)}");
        }
        return steps;
    }

    private InvalidStep Invalid(string name, string at, string message)
    {
        Problem(at, message);
        return new InvalidStep(name, document.KeyAt(at));
    }

    private Step? Step(string name, JsonObject obj, string at)
    {
        var kinds = StepKinds.Where(obj.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            var unknown = obj.Select(p => p.Key).Where(k => !IsCommonStepKey(k) && !StepKinds.Contains(k)).ToList();
            var message = kinds.Count == 0
                ? $"step '{name}' has no kind: give it one of {string.Join(", ", StepKinds)}"
                  + (unknown.Count > 0 ? $" (unknown key '{unknown[0]}')" : "")
                : $"step '{name}' has several kinds ({string.Join(", ", kinds)}): give it exactly one";
            Problem(at, message);
            return null;
        }
        var where = document.KeyAt(at);
        var title = OptionalString(obj, at, "title");
        var clocks = ClockOperations(obj["clocks"], at + "/clocks");
        var before = problems.Count;
        Step? step = kinds[0] switch
        {
            "task" => Task(name, title, clocks, where, obj, at),
            "decision" => Decision(name, title, clocks, where, obj, at),
            "call" => Call(name, title, clocks, where, obj, at),
            "wait" => Wait(name, title, clocks, where, obj, at),
            "deadline" => Deadline(name, title, clocks, where, obj, at),
            "parallel" => Parallel(name, title, clocks, where, obj, at),
            _ => End(name, title, clocks, where, obj, at),
        };
        return problems.Count > before ? null : step;
    }

    private static bool IsCommonStepKey(string key) => key is "title" or "clocks" or "next" or "out" or "with"
        or "outcomes" or "otherwise" or "retry" or "onFailure" or "onTimeout";

    private TaskStep? Task(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        if (obj["task"] is not JsonObject task) { Problem(at + "/task", "'task' must give role and office"); return null; }
        var role = RequiredString(task, at + "/task", "role");
        var office = RequiredString(task, at + "/task", "office");
        var dueIn = OptionalDuration(task, at + "/task", "dueIn");
        var form = Fields(task["form"], at + "/task/form");
        var outcomes = new List<KeyValuePair<string, StepRef>>();
        if (obj["outcomes"] is JsonObject outcomeMap && outcomeMap.Count > 0)
        {
            foreach (var (outcome, target) in outcomeMap)
            {
                var refAt = at + "/outcomes/" + YamlDocument.Escape(outcome);
                if (AsString(target) is { } targetName)
                    outcomes.Add(new(outcome, new StepRef(targetName, document.ValueAt(refAt))));
                else Problem(refAt, $"outcome '{outcome}' must name the step it leads to");
            }
        }
        else Problem(at, $"task '{name}' needs 'outcomes': each named outcome leads to a step");
        var mappings = Mappings(obj["out"], at + "/out");
        return role is null || office is null ? null
            : new TaskStep(name, title, clocks, where, role, office, dueIn, form, outcomes, mappings)
            {
                RoleWhere = document.ValueAt(at + "/task/role"),
            };
    }

    private DecisionStep? Decision(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        var branches = new List<DecisionBranch>();
        if (obj["decision"] is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var branchAt = $"{at}/decision/{i}";
                if (list[i] is not JsonObject branch) { Problem(branchAt, "each decision branch needs 'when' and 'next'"); continue; }
                var when = RequiredString(branch, branchAt, "when");
                var next = Ref(branch, branchAt, "next");
                if (when is not null && next is not null)
                    branches.Add(new DecisionBranch(ExpressionAt(when, branchAt + "/when"), next));
            }
        }
        else Problem(at + "/decision", "'decision' must be a list of { when, next } branches");
        var otherwise = Ref(obj, at, "otherwise");
        return otherwise is null ? null : new DecisionStep(name, title, clocks, where, branches, otherwise);
    }

    private CallStep? Call(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        var activity = RequiredString(obj, at, "call");
        var with = Mappings(obj["with"], at + "/with");
        var output = Mappings(obj["out"], at + "/out");
        var retry = RetryPolicy.Default;
        if (obj["retry"] is JsonObject retryObj)
        {
            var attempts = OptionalInt(retryObj, at + "/retry", "attempts") ?? retry.Attempts;
            if (attempts < 1) Problem(at + "/retry/attempts", $"retry attempts must be at least 1, not {attempts}");
            retry = new RetryPolicy(attempts, OptionalDuration(retryObj, at + "/retry", "backoff") ?? retry.Backoff);
        }
        else if (obj["retry"] is not null) Problem(at + "/retry", "'retry' must be { attempts, backoff }");
        var next = Ref(obj, at, "next");
        var onFailure = OptionalRef(obj, at, "onFailure");
        return activity is null || next is null ? null
            : new CallStep(name, title, clocks, where, activity, document.ValueAt(at + "/call"), with, output, retry, next, onFailure);
    }

    private WaitStep? Wait(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        if (obj["wait"] is not JsonObject wait) { Problem(at + "/wait", "'wait' must give the event it waits 'for'"); return null; }
        var @event = RequiredString(wait, at + "/wait", "for");
        var timeout = OptionalDuration(wait, at + "/wait", "timeout");
        var timeoutFrom = OptionalString(wait, at + "/wait", "from") is { } date ? ExpressionAt(date, at + "/wait/from") : null;
        if (timeoutFrom is not null && timeout is null) Problem(at + "/wait/from", "'from' is the date a wait's timeout runs from: give the 'timeout'");
        var match = OptionalString(wait, at + "/wait", "match") is { } condition ? ExpressionAt(condition, at + "/wait/match") : null;
        var check = OptionalString(wait, at + "/wait", "check") is { } expected ? ExpressionAt(expected, at + "/wait/check") : null;
        var filedBy = wait["filedBy"] is null ? null : Roles(wait["filedBy"], at + "/wait/filedBy");
        var output = Mappings(obj["out"], at + "/out");
        var next = Ref(obj, at, "next");
        var onTimeout = OptionalRef(obj, at, "onTimeout");
        return @event is null || next is null ? null
            : new WaitStep(name, title, clocks, where, @event, timeout, output, next, onTimeout)
            {
                EventWhere = document.ValueAt(at + "/wait/for"),
                Match = match,
                Check = check,
                TimeoutFrom = timeoutFrom,
                FiledBy = filedBy,
                FiledByWhere = filedBy is null ? default : document.ValueAt(at + "/wait/filedBy"),
                TimeoutWhere = timeout is null ? default : document.ValueAt(at + "/wait/timeout"),
            };
    }

    private DeadlineStep? Deadline(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        var operations = ClockOperations(obj["deadline"], at + "/deadline");
        var next = Ref(obj, at, "next");
        return next is null ? null : new DeadlineStep(name, title, [.. clocks, .. operations], where, next);
    }

    private ParallelStep? Parallel(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        var branches = new List<StepRef>();
        if (obj["parallel"] is JsonArray list && list.Count >= 2)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (AsString(list[i]) is { } branch) branches.Add(new StepRef(branch, document.ValueAt($"{at}/parallel/{i}")));
                else Problem($"{at}/parallel/{i}", "a branch is named by its first step");
            }
        }
        else Problem(at + "/parallel", "'parallel' must list at least two branches (their first steps)");
        var next = Ref(obj, at, "next");
        return next is null ? null : new ParallelStep(name, title, clocks, where, branches, next);
    }

    private EndStep? End(string name, string? title, IReadOnlyList<ClockOperation> clocks, SourceSpan where, JsonObject obj, string at)
    {
        var outcome = OneOf<CaseOutcome>(obj, at, "end");
        return outcome is null ? null : new EndStep(name, title, clocks, where, outcome.Value);
    }

    private List<ClockOperation> ClockOperations(JsonNode? node, string pointer)
    {
        var operations = new List<ClockOperation>();
        if (node is null) return operations;
        if (node is not JsonArray list) { Problem(pointer, "clock operations are a list: - start: <clock>"); return operations; }
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{pointer}/{i}";
            var op = list[i] as JsonObject;
            var kinds = op is null ? [] : Enum.GetValues<ClockOperationKind>().Where(k => op.ContainsKey(Lower(k))).ToList();
            if (op is null || kinds.Count != 1)
            {
                Problem(at, "a clock operation is exactly one of start, suspend, resume, interrupt, stop naming a clock");
                continue;
            }
            var clock = RequiredString(op, at, Lower(kinds[0]));
            var reason = op.ContainsKey("reason") ? OneOf<SuspensionReason>(op, at, "reason") : SuspensionReason.Integration;
            var from = StartDate(op, kinds[0], at);
            var following = Following(op, kinds[0], at);
            var after = After(op, kinds[0], at);
            if (from is not null && following is not null)
                Problem(at + "/following", "a term runs 'from' a date or 'following' another clock, not both");
            if (kinds[0] == ClockOperationKind.Resume && from is not null && after is null)
                Problem(at + "/from", "on a resume, 'from' goes with 'after': the suspension ends when 'after' has run from that date");
            if (after is not null && following is not null)
                Problem(at + "/after", "a resume waits 'after' a time or 'following' another clock, not both");
            if (clock is not null && reason is not null)
                operations.Add(new ClockOperation(kinds[0], clock, reason.Value, document.ValueAt(at + "/" + Lower(kinds[0])))
                {
                    From = from,
                    Following = following,
                    FollowingWhere = following is null ? default : document.ValueAt(at + "/following"),
                    After = after,
                    AfterWhere = after is null ? default : document.ValueAt(at + "/after"),
                });
        }
        return operations;
    }

    /// <summary><c>from:</c> on a <c>start</c> (or a <c>resume</c> with <c>after</c>), the expression giving the legal date the term runs from.</summary>
    private Expression? StartDate(JsonObject op, ClockOperationKind kind, string at)
    {
        if (!op.ContainsKey("from")) return null;
        if (kind is not (ClockOperationKind.Start or ClockOperationKind.Resume))
        {
            // At the key, where the schema reports it as an unknown field: this says why.
            problems.Add(new DefinitionProblem(document.KeyAt(at + "/from"),
                $"'from' gives the date a term runs from: only 'start' (and 'resume' with 'after') takes it, not '{Lower(kind)}'"));
            return null;
        }
        if (op["from"] is null)
        {
            Problem(at + "/from", "'from' is empty: write an expression giving a date or a date-time, e.g. inputs.receivedAt");
            return null;
        }
        return OptionalString(op, at, "from") is { } text ? ExpressionAt(text, at + "/from") : null;
    }

    /// <summary><c>following:</c> on a <c>start</c> or a <c>resume</c>, the clock whose end the term runs from.</summary>
    private string? Following(JsonObject op, ClockOperationKind kind, string at)
    {
        if (!op.ContainsKey("following")) return null;
        if (kind is not (ClockOperationKind.Start or ClockOperationKind.Resume))
        {
            problems.Add(new DefinitionProblem(document.KeyAt(at + "/following"),
                $"'following' names the clock a term runs after: only 'start' and 'resume' take it, not '{Lower(kind)}'"));
            return null;
        }
        return RequiredString(op, at, "following");
    }

    /// <summary><c>after:</c> on a <c>resume</c>, how long after its date a preavviso's suspension ends.</summary>
    private Duration? After(JsonObject op, ClockOperationKind kind, string at)
    {
        if (!op.ContainsKey("after")) return null;
        if (kind != ClockOperationKind.Resume)
        {
            problems.Add(new DefinitionProblem(document.KeyAt(at + "/after"),
                $"'after' says when a suspension ends: only 'resume' takes it, not '{Lower(kind)}'"));
            return null;
        }
        return OptionalDuration(op, at, "after");
    }

    private Dictionary<string, ClockSpec> Clocks(JsonNode? node, string pointer)
    {
        var clocks = new Dictionary<string, ClockSpec>(StringComparer.Ordinal);
        if (node is null) return clocks;
        if (node is not JsonObject obj) { Problem(pointer, "'clocks' must be a mapping of named clocks"); return clocks; }
        foreach (var (name, value) in obj)
        {
            var at = pointer + "/" + YamlDocument.Escape(name);
            if (value is not JsonObject clock) { Problem(at, $"clock '{name}' needs a term and its legal basis"); continue; }
            var term = RequiredDuration(clock, at, "term");
            var basis = RequiredString(clock, at, "basis");
            SuspensionRule? suspension = null;
            if (clock["suspension"] is JsonObject s)
            {
                var max = RequiredDuration(s, at + "/suspension", "max");
                if (max is not null)
                    suspension = new SuspensionRule(OptionalInt(s, at + "/suspension", "times") ?? 1, max.Value,
                        OptionalString(s, at + "/suspension", "basis") ?? basis ?? "", OptionalDuration(s, at + "/suspension", "within"));
            }
            InterruptionRule? interruption = null;
            if (clock["interruption"] is JsonObject r)
                interruption = new InterruptionRule(OptionalInt(r, at + "/interruption", "times") ?? 1,
                    OptionalString(r, at + "/interruption", "basis") ?? basis ?? "", OptionalDuration(r, at + "/interruption", "within"));
            var days = clock.ContainsKey("days") ? OneOf<TermDays>(clock, at, "days") : TermDays.Shifted;
            var expiry = new ExpiryRule(ExpiryEffect.None, null);
            if (clock["onExpiry"] is JsonObject e)
            {
                var effect = e.ContainsKey("effect") ? OneOf<ExpiryEffect>(e, at + "/onExpiry", "effect") : ExpiryEffect.None;
                var when = OptionalString(e, at + "/onExpiry", "when") is { } condition ? ExpressionAt(condition, at + "/onExpiry/when") : null;
                var otherwise = OptionalRef(e, at + "/onExpiry", "otherwise");
                if (otherwise is not null && when is null)
                    Problem(at + "/onExpiry/otherwise", "'otherwise' is where the case goes when the 'when' of the expiry does not hold: give 'when'");
                expiry = new ExpiryRule(effect ?? ExpiryEffect.None, OptionalRef(e, at + "/onExpiry", "next")) { When = when, Otherwise = otherwise };
            }
            ExtensionRule? extension = null;
            if (clock["extension"] is JsonObject x && RequiredDuration(x, at + "/extension", "term") is { } longer)
            {
                extension = new ExtensionRule(longer, OptionalString(x, at + "/extension", "basis") ?? basis ?? "");
                if (term is { } shorter && (!shorter.IsCalendarTerm || longer.Unit != shorter.Unit || longer.Amount <= shorter.Amount))
                    Problem(at + "/extension/term", $"an extension makes a term in days or months longer, in the same unit: '{longer}' is not longer than '{shorter}'");
            }
            if (term is not null && basis is not null)
                clocks[name] = new ClockSpec(name, term.Value, basis, suspension, interruption, expiry, document.KeyAt(at), days ?? TermDays.Shifted)
                {
                    Extension = extension,
                };
        }
        return clocks;
    }

    private Dictionary<string, FieldSpec> Fields(JsonNode? node, string pointer)
    {
        var fields = new Dictionary<string, FieldSpec>(StringComparer.Ordinal);
        if (node is null) return fields;
        if (node is not JsonObject obj) { Problem(pointer, "fields are a mapping: name: { type: … }"); return fields; }
        foreach (var (name, value) in obj)
        {
            var at = pointer + "/" + YamlDocument.Escape(name);
            if (value is not JsonObject field) { Problem(at, $"field '{name}' needs a type"); continue; }
            var type = OneOf<FieldType>(field, at, "type");
            if (type is not null)
                fields[name] = new FieldSpec(name, type.Value, OptionalBool(field, at, "required") ?? false,
                    OptionalString(field, at, "description"), document.KeyAt(at));
        }
        return fields;
    }

    private List<Mapping> Mappings(JsonNode? node, string pointer)
    {
        var mappings = new List<Mapping>();
        if (node is null) return mappings;
        if (node is not JsonObject obj) { Problem(pointer, "a mapping is name: expression"); return mappings; }
        foreach (var (target, value) in obj)
        {
            var at = pointer + "/" + YamlDocument.Escape(target);
            // Numbers and booleans are valid expressions too: `attempts: 3` means the number 3.
            var text = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v => v.ToJsonString(),
                _ => null,
            };
            if (text is null) { Problem(at, $"'{target}' must be an expression, not a {Describe(value)}"); continue; }
            mappings.Add(new Mapping(target, ExpressionAt(text, at), document.KeyAt(at)));
        }
        return mappings;
    }

    private Expression ExpressionAt(string text, string pointer) =>
        new(text, document.ValueAt(pointer)) { TextStart = document.TextAt(pointer) };

    // ---- small readers: each reports the field and the value it could not use ----

    private StepRef? Ref(JsonObject obj, string at, string field)
    {
        var name = RequiredString(obj, at, field);
        return name is null ? null : new StepRef(name, document.ValueAt(at + "/" + field));
    }

    private StepRef? OptionalRef(JsonObject obj, string at, string field)
    {
        var name = OptionalString(obj, at, field);
        return name is null ? null : new StepRef(name, document.ValueAt(at + "/" + field));
    }

    private string? RequiredString(JsonObject obj, string at, string field)
    {
        if (!obj.ContainsKey(field) || obj[field] is null) { Problem(at, $"missing field '{field}'"); return null; }
        return OptionalString(obj, at, field);
    }

    /// <summary>A list of role names (<c>[clerk, manager]</c>).</summary>
    private List<string>? Roles(JsonNode? node, string at)
    {
        if (node is JsonArray list && list.Count > 0 && list.All(r => AsString(r) is { Length: > 0 }))
            return list.Select(r => AsString(r)!).ToList();
        Problem(at, "'filedBy' is a list of roles, e.g. [clerk, manager]");
        return null;
    }

    private string? OptionalString(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        if (AsString(node) is { } s) return s;
        Problem(at + "/" + field, $"'{field}' must be text, not a {Describe(node)}");
        return null;
    }

    private int? OptionalInt(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue) return (int)l;
        Problem(at + "/" + field, $"'{field}' must be a whole number, not '{node.ToJsonString()}'");
        return null;
    }

    private bool? OptionalBool(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        Problem(at + "/" + field, $"'{field}' must be true or false, not '{node.ToJsonString()}'");
        return null;
    }

    private Duration? RequiredDuration(JsonObject obj, string at, string field)
    {
        if (obj[field] is null) { Problem(at, $"missing field '{field}'"); return null; }
        return OptionalDuration(obj, at, field);
    }

    private Duration? OptionalDuration(JsonObject obj, string at, string field)
    {
        var node = obj[field];
        if (node is null) return null;
        var text = AsString(node) ?? node.ToJsonString();
        if (Definitions.Duration.TryParse(text, out var duration)) return duration;
        Problem(at + "/" + field, $"'{field}' has malformed duration '{text}': write a whole number and a unit, as 30d, 12h, 15m or 45s");
        return null;
    }

    private T? OneOf<T>(JsonObject obj, string at, string field) where T : struct, System.Enum
    {
        var text = RequiredString(obj, at, field);
        if (text is null) return null;
        foreach (var value in System.Enum.GetValues<T>())
            if (KebabCase.Of(value) == text) return value;
        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(v => KebabCase.Of(v)));
        Problem(at + "/" + field, $"'{field}' has unknown value '{text}': expected one of {allowed}");
        return null;
    }

    private void Problem(string pointer, string message) => problems.Add(new DefinitionProblem(document.ValueAt(pointer), message));

    private static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "mapping",
        JsonArray => "list",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static string Lower<T>(T value) where T : struct, System.Enum => value.ToString().ToLowerInvariant();
}
