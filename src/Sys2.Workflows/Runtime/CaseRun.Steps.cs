using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Runtime;

// Moving through steps: enter (clock operations), run (what the kind does), move on.
internal sealed partial class CaseRun
{
    private void Enter(string token, string stepName)
    {
        var step = definition.Step(stepName);
        if (++_stepsEntered > MaxStepsPerDecision)
        {
            Emit(new IncidentRaised(stepName, token, "engine", 0,
                $"more than {MaxStepsPerDecision} steps in one decision: the definition goes round without waiting"));
            return;
        }
        Emit(new StepEntered(step.Name, step.Kind, token, state.VisitsOf(step.Name) + 1));
        foreach (var operation in step.Clocks) ApplyClockOperation(operation, step.Name);
        if (state.IsOpen) Run(token, step);
    }

    /// <summary>Does what the step's kind does; also how an incident is retried (without re-applying clock operations).</summary>
    private void Run(string token, Step step)
    {
        switch (step)
        {
            case TaskStep task:
                Emit(new TaskAssigned(task.Name, token, task.Role, task.Office, [.. task.Outcomes.Select(o => o.Key)],
                    task.DueIn is { } due ? (due.IsCalendarTerm ? LegalCalendar.EndOfTerm(now, due) : now + due.Value) : null));
                break;
            case DecisionStep decision:
                RunDecision(token, decision);
                break;
            case CallStep call:
                RequestCall(token, call, attempt: 1);
                break;
            case WaitStep wait:
                // A timeout in days is a term (10 days for observations, 30 for integrations): to the end of its last day,
                // from the legal date the definition gives (the applicant's receipt) or from now.
                var from = wait.TimeoutFrom is { } date ? StartDate(date).From : now;
                Emit(new WaitStarted(wait.Name, token, wait.Event, wait.Timeout is { } timeout ? (timeout.IsCalendarTerm ? LegalCalendar.EndOfTerm(from, timeout) : from + timeout.Value) : null,
                    state.VisitsOf(wait.Name)));
                break;
            case DeadlineStep deadline:
                MoveTo(token, deadline.Next.Name);
                break;
            case ParallelStep parallel:
                var branches = parallel.Branches.Select(b => $"{parallel.Name}/{b.Name}").ToList();
                Emit(new BranchesForked(parallel.Name, token, parallel.Next.Name, branches));
                foreach (var (branch, first) in branches.Zip(parallel.Branches))
                    if (state.IsOpen) Enter(branch, first.Name);
                break;
            case EndStep end:
                Emit(new CaseClosed(Outcome(end.Outcome), end.Name, null));
                break;
        }
    }

    private void RunDecision(string token, DecisionStep decision)
    {
        var scope = Scope();
        try
        {
            foreach (var branch in decision.Branches)
            {
                if (!sandbox.Test(branch.When.Text, scope)) continue;
                Emit(new DecisionTaken(decision.Name, token, branch.When.Text, branch.Next.Name));
                MoveTo(token, branch.Next.Name);
                return;
            }
        }
        catch (ExpressionException e)
        {
            Emit(new IncidentRaised(decision.Name, token, "expression", 0, e.Message));
            return;
        }
        Emit(new DecisionTaken(decision.Name, token, "otherwise", decision.Otherwise.Name));
        MoveTo(token, decision.Otherwise.Name);
    }

    private void RequestCall(string token, CallStep call, int attempt, bool atOnce = false)
    {
        JsonObject input;
        try { input = Map(call.With, Scope()); }
        catch (ExpressionException e)
        {
            Emit(new IncidentRaised(call.Name, token, call.Activity, attempt - 1, $"input mapping failed: {e.Message}"));
            return;
        }
        // An operator's retry goes at once: the operator retries because the cause was dealt with.
        // The engine's own retries wait out their backoff.
        var notBefore = atOnce ? now : now + call.Retry.DelayBefore(attempt);
        // case/step/visit, the same for every attempt: if an attempt went through but its answer
        // was lost (a timeout), the retry is recognised by the regional system instead of
        // registering, charging or sending a second time. A new visit of the step is a new request.
        var key = $"{state.CaseId}/{call.Name}/{state.VisitsOf(call.Name)}";
        Emit(new IntegrationRequested(call.Name, token, call.Activity, attempt, key, input, notBefore));
    }

    /// <summary>
    /// Moves a flow on. A branch that reaches its join finishes; the last one to finish
    /// takes the parent flow into the join step.
    /// </summary>
    private void MoveTo(string token, string target)
    {
        if (!state.IsOpen) return;
        var current = state.Tokens[token];
        if (current.Parent is { } parent && state.Tokens[parent].Bookmark is ForkBookmark fork && fork.Join == target)
        {
            var forkStep = state.Tokens[parent].Step;
            Emit(new BranchFinished(forkStep, token, target));
            if (state.Tokens[parent].Bookmark is ForkBookmark { Pending.Count: 0 })
            {
                Emit(new BranchesJoined(forkStep, parent, target));
                Enter(parent, target);
            }
            return;
        }
        Enter(token, target);
    }

    /// <summary>Applies an <c>out:</c> mapping; a failing expression raises an incident and the flow stays.</summary>
    private bool SetVariables(string token, Step step, IReadOnlyList<Mapping> mappings, string root, JsonNode? value)
    {
        if (mappings.Count == 0) return true;
        try
        {
            Emit(new VariablesSet(step.Name, Map(mappings, Scope().With(root, value))));
            return true;
        }
        catch (ExpressionException e)
        {
            Emit(new IncidentRaised(step.Name, token, step is CallStep c ? c.Activity : "expression", 0, $"output mapping failed: {e.Message}"));
            return false;
        }
    }

    private JsonObject Map(IReadOnlyList<Mapping> mappings, ExpressionScope scope)
    {
        var result = new JsonObject();
        foreach (var mapping in mappings)
            result[mapping.Target] = sandbox.Evaluate(mapping.Source.Text, scope);
        return result;
    }

    private ExpressionScope Scope() => new(new Dictionary<string, JsonNode?>
    {
        [ExpressionRoots.Inputs] = ToObject(state.Inputs),
        [ExpressionRoots.Vars] = ToObject(state.Variables),
        [ExpressionRoots.Case] = new JsonObject
        {
            ["id"] = state.CaseId, ["tenant"] = state.Tenant, ["kind"] = state.Kind,
            ["openedAt"] = state.OpenedAt?.ToString("O"),
            ["clocks"] = Clocks(),
        },
        [ExpressionRoots.Now] = now.ToString("O"),
    });

    /// <summary>
    /// Every declared clock's status and due date, so a definition can tell what an operation did:
    /// an interruption after its window is refused (art. 20 c.5 DPR 380/2001) and the applicant
    /// must not be told the term was interrupted.
    /// </summary>
    private JsonObject Clocks()
    {
        var clocks = new JsonObject();
        foreach (var name in definition.Clocks.Keys.Order(StringComparer.Ordinal))
        {
            var clock = state.Clocks.GetValueOrDefault(name);
            clocks[name] = new JsonObject
            {
                ["status"] = clock is null ? "not-started" : clock.Status.ToString().ToLowerInvariant(),
                ["dueAt"] = clock?.DueAt?.ToString("O"),
            };
        }
        return clocks;
    }

    private static JsonObject ToObject(IEnumerable<KeyValuePair<string, JsonNode?>> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values) obj[key] = value?.DeepClone();
        return obj;
    }
}
