using System.Text.Json.Nodes;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Definitions;
using Sys2.Workflows.Expressions;

namespace Sys2.Workflows.Runtime;

// Triggers that answer what a flow waits for: a task, a call, an external event, a timer, an incident.
internal sealed partial class CaseRun
{
    public DomainError? CompleteTask(CompleteTask t)
    {
        var token = state.TokensAt(t.Step).FirstOrDefault(x => x.Bookmark is TaskBookmark);
        if (token is null || definition.Step(t.Step) is not TaskStep task)
            return new DomainError("no-open-task", $"step '{t.Step}' has no open task; open tasks: {OpenTasks()}");
        var bookmark = (TaskBookmark)token.Bookmark!;
        if (!string.Equals(t.By.Role, bookmark.Role, StringComparison.OrdinalIgnoreCase))
            return new DomainError("wrong-role", $"task '{t.Step}' is for the role {bookmark.Role}; {t.By.User} acts as {t.By.Role}");
        if (!string.Equals(t.By.Office, bookmark.Office, StringComparison.OrdinalIgnoreCase))
            return new DomainError("wrong-office", $"task '{t.Step}' belongs to the office {bookmark.Office}; {t.By.User} is in {t.By.Office}");
        if (HeldByAnother(t.Step, bookmark, t.By) is { } held) return held;
        var next = task.OutcomeTarget(t.Outcome);
        if (next is null)
            return new DomainError("unknown-outcome", $"task '{t.Step}' has no outcome '{t.Outcome}' (outcomes: {string.Join(", ", bookmark.Outcomes)})");
        var missing = task.Form.Values.Where(f => f.Required && t.Form[f.Name] is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
            return new DomainError("missing-field", $"task '{t.Step}' needs the field(s) {string.Join(", ", missing)}");
        var unknown = t.Form.Select(p => p.Key).Where(k => !task.Form.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            return new DomainError("unknown-field", $"task '{t.Step}' has no field(s) {string.Join(", ", unknown)}");

        Emit(new TaskCompleted(t.Step, token.Id, t.Outcome, t.By.User, t.By.Role, t.By.Office, (JsonObject)t.Form.DeepClone()));
        if (SetVariables(token.Id, task, task.Out, ExpressionRoots.Form, t.Form)) MoveTo(token.Id, next.Name);
        return null;
    }

    public DomainError? IntegrationCompleted(IntegrationCompleted t)
    {
        if (PendingCall(t.Step, t.Attempt) is not { } token) return null; // a duplicate or late answer: already handled
        var call = (CallStep)definition.Step(t.Step);
        Emit(new IntegrationSucceeded(t.Step, token.Id, call.Activity, t.Attempt, (JsonObject)t.Result.DeepClone()));
        if (SetVariables(token.Id, call, call.Out, ExpressionRoots.Result, t.Result)) MoveTo(token.Id, call.Next.Name);
        return null;
    }

    public DomainError? IntegrationErrored(IntegrationErrored t)
    {
        if (PendingCall(t.Step, t.Attempt) is not { } token) return null;
        var call = (CallStep)definition.Step(t.Step);
        var willRetry = t.Transient && t.Attempt < call.Retry.Attempts;
        Emit(new IntegrationFailed(t.Step, token.Id, call.Activity, t.Attempt, t.Error, willRetry));
        if (willRetry)
            RequestCall(token.Id, call, t.Attempt + 1);
        else if (call.OnFailure is { } onFailure)
            MoveTo(token.Id, onFailure.Name);
        else
            Emit(new IncidentRaised(t.Step, token.Id, call.Activity, t.Attempt,
                t.Transient ? $"gave up after {t.Attempt} attempts: {t.Error}" : $"permanent failure: {t.Error}"));
        return null;
    }

    public DomainError? Receive(ReceiveEvent t)
    {
        var token = state.Tokens.Values
            .Where(x => x.Bookmark is WaitBookmark w && w.Event == t.Event && (t.Step is null || x.Step == t.Step))
            .OrderBy(x => x.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (token is null)
            return t.FromSystem && Ended(t) is { } ended
                ? Late(t, ended)
                : new DomainError("not-waiting", $"no step of case {state.CaseId} is waiting for '{t.Event}'{(t.Step is null ? "" : $" at '{t.Step}'")}");
        var wait = (WaitStep)definition.Step(token.Step);
        if (t.By is { } by && CounterRefusal(wait, by) is { } refused) return refused;
        if (wait.Match is { } match && Mismatch(t, wait, match) is { } mismatch) return mismatch;
        if (wait.Check is { } check && Mismatch(t, wait, check, "event-check-failed") is { } wrong)
        {
            if (!t.FromSystem) return wrong;
            // This case's event, but not right (an underpaid receipt): it is not taken, and the
            // step waits no more until an operator has looked; a retry waits again.
            Emit(new IncidentRaised(wait.Name, token.Id, t.Event, 1, $"refused: {wrong.Message}"));
            return null;
        }
        Emit(new ExternalEventReceived(wait.Name, token.Id, t.Event, (JsonObject)t.Payload.DeepClone()));
        if (SetVariables(token.Id, wait, wait.Out, ExpressionRoots.Event, t.Payload)) MoveTo(token.Id, wait.Next.Name);
        return null;
    }

    /// <summary>
    /// The wait of this case that took <paramref name="t"/>'s event and has ended (timed out, or taken before): a
    /// regional system's event for it that comes now is late, not unknown. Not a wait a flow still stands on (in an
    /// incident: the operator decides there).
    /// </summary>
    private WaitStep? Ended(ReceiveEvent t) =>
        definition.Steps.Values.OfType<WaitStep>()
            .Where(w => w.Event == t.Event && (t.Step is null || w.Name == t.Step) && state.VisitsOf(w.Name) > 0 && !state.TokensAt(w.Name).Any())
            .OrderBy(w => w.Name, StringComparer.Ordinal)
            .LastOrDefault();

    /// <summary>
    /// A late event (a receipt for the avviso the case issued, paid after the wait timed out): what happened is
    /// recorded on the case, as <see cref="ExternalEventReceived"/> with the token <see cref="ExternalEventReceived.LateToken"/>, and the case
    /// does not move: the wait's <c>out</c> and <c>next</c> were decided when it ended. It must still be this case's
    /// event and right (the wait's <c>match</c> and <c>check</c>); otherwise it is refused, as before.
    /// </summary>
    private DomainError? Late(ReceiveEvent t, WaitStep ended)
    {
        if (ended.Match is { } match && Mismatch(t, ended, match) is { } mismatch) return mismatch;
        if (ended.Check is { } check && Mismatch(t, ended, check, "event-check-failed") is { } wrong) return wrong;
        Emit(new ExternalEventReceived(ended.Name, ExternalEventReceived.LateToken, t.Event, (JsonObject)t.Payload.DeepClone()));
        return null;
    }

    /// <summary>
    /// Whether this person may file the step's event at the counter: never an event of a regional
    /// system (a receipt typed in would go around MPay's signed callback), otherwise the roles the
    /// step names (<c>filedBy</c>), a clerk or a manager by default.
    /// </summary>
    private static DomainError? CounterRefusal(WaitStep wait, Actor by)
    {
        if (!ExternalEvents.AtTheCounter.Contains(wait.Event))
            return new DomainError("not-at-the-counter", $"'{wait.Event}' comes from a regional system and is not filed at the counter (step '{wait.Name}')");
        var roles = wait.FiledBy ?? [Roles.Clerk, Roles.Manager];
        return roles.Contains(by.Role)
            ? null
            : new DomainError("not-filed-by-role", $"step '{wait.Name}' takes '{wait.Event}' at the counter from {string.Join(" or ", roles)}; {by.User} acts as {by.Role}");
    }

    /// <summary>
    /// Why the event is not the one the wait takes, naming the condition and the values it read
    /// (e.g. both avviso numbers); null when it is.
    /// </summary>
    private DomainError? Mismatch(ReceiveEvent t, WaitStep wait, Expression match, string code = "event-does-not-match")
    {
        var scope = Scope().With(ExpressionRoots.Event, t.Payload);
        try
        {
            if (sandbox.Test(match.Text, scope)) return null;
            var read = ExpressionReferences.Find(match.Text)
                .Where(r => r.Member is not null)
                .Select(r => $"{r.Root}.{r.Member} = {sandbox.Evaluate($"{r.Root}.{r.Member}", scope)?.ToJsonString() ?? "undefined"}")
                .Distinct();
            return new DomainError(code,
                $"'{t.Event}' is not the one step '{wait.Name}' waits for: {match.Text} does not hold ({string.Join(", ", read)})");
        }
        catch (ExpressionException e)
        {
            return new DomainError(code, $"'{t.Event}' for step '{wait.Name}': {match.Text} could not be evaluated: {e.Message}");
        }
    }

    public DomainError? TimerFired(TimerFired t)
    {
        switch (t.Kind)
        {
            case TimerKind.WaitTimeout:
                var token = state.TokensAt(t.Name).FirstOrDefault(x => x.Bookmark is WaitBookmark && x.Visit == t.Generation);
                if (token is null || definition.Step(t.Name) is not WaitStep { OnTimeout: { } onTimeout } wait) return null;
                Emit(new WaitTimedOut(wait.Name, token.Id, wait.Event));
                MoveTo(token.Id, onTimeout.Name);
                return null;
            case TimerKind.SuspensionLimit:
                if (Current(t.Name, t.Generation, ClockStatus.Suspended) is not { } suspended) return null;
                ResumeClock(suspended, $"the suspension ({suspended.SuspensionReason}) reached its limit");
                return null;
            default:
                if (Current(t.Name, t.Generation, ClockStatus.Running) is not { } running) return null;
                Expire(running);
                return null;
        }
    }

    public DomainError? Retry(RetryIncident t)
    {
        var token = state.TokensAt(t.Step).FirstOrDefault(x => x.Bookmark is IncidentBookmark);
        if (token is null)
            return new DomainError("no-incident", $"step '{t.Step}' has no open incident");
        var incident = (IncidentBookmark)token.Bookmark!;
        Emit(new IncidentResolved(t.Step, token.Id, "retried", t.By.User));
        var step = definition.Step(t.Step);
        if (step is CallStep call) RequestCall(token.Id, call, incident.Attempts + 1, atOnce: true);
        else Run(token.Id, step);
        return null;
    }

    private Token? PendingCall(string step, int attempt) =>
        state.TokensAt(step).FirstOrDefault(x => x.Bookmark is CallBookmark c && c.Attempt == attempt);

    private ClockState? Current(string clock, int generation, ClockStatus status) =>
        state.Clocks.TryGetValue(clock, out var c) && c.Generation == generation && c.Status == status ? c : null;

    private string OpenTasks()
    {
        var open = state.Tokens.Values.Where(x => x.Bookmark is TaskBookmark).Select(x => x.Step).ToList();
        return open.Count == 0 ? "none" : string.Join(", ", open);
    }
}
