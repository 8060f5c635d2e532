using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Sys2.Host.Cases;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Host.Views;

/// <summary>Folds a case's events into its <see cref="CaseSummary"/>; the same fold serves live updates and rebuilds.</summary>
public sealed class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
{
    public override CaseSummary? Evolve(CaseSummary? summary, string id, IEvent e)
    {
        if (e.Data is CaseOpened opened) summary = Open(opened, id);
        if (summary is null) return null;
        var at = EngineTime(e);
        summary.Version = e.Version;
        summary.UpdatedAt = at;
        switch (e.Data)
        {
            case StepEntered s: summary.Steps[s.Token] = s.Step; break;
            case BranchFinished b: summary.Steps.Remove(b.Token); break;
            case VariablesSet v:
                foreach (var (name, value) in v.Values) summary.Variables[name] = value?.DeepClone();
                break;
            case TaskAssigned t: summary.Tasks.Add(new OpenTask(t.Step, t.Token, t.Role, t.Office, t.Outcomes, t.DueAt, at)); break;
            case TaskCompleted t: summary.Tasks.RemoveAll(x => x.Token == t.Token && x.Step == t.Step); break;
            case WaitStarted w: summary.Waits.Add(new OpenWait(w.Step, w.Token, w.Event, w.TimeoutAt)); break;
            case ExternalEventReceived r: summary.Waits.RemoveAll(x => x.Token == r.Token && x.Step == r.Step); break;
            case WaitTimedOut w: summary.Waits.RemoveAll(x => x.Token == w.Token && x.Step == w.Step); break;
            case IncidentRaised i: summary.Incidents.Add(new OpenIncident(i.Step, i.Token, i.Activity, i.Attempts, i.Reason, at)); break;
            case IncidentResolved i: summary.Incidents.RemoveAll(x => x.Token == i.Token && x.Step == i.Step); break;
            case StepAbandoned a: Leave(summary, a.Token, a.Step); break;
            case DeadlineStarted d: SetClock(summary, new LegalClock(d.Clock, "running", d.DueAt, null, null, null)); break;
            case DeadlineResumed d: SetClock(summary, new LegalClock(d.Clock, "running", d.DueAt, null, null, null)); break;
            case DeadlineSuspended d: SetClock(summary, new LegalClock(d.Clock, "suspended", null, d.Remaining, d.ResumeBy, d.Reason)); break;
            case DeadlineInterrupted d: SetClock(summary, new LegalClock(d.Clock, "interrupted", null, null, null, null)); break;
            case DeadlineStopped d: SetClock(summary, new LegalClock(d.Clock, "stopped", null, null, null, null)); break;
            case DeadlineExpired d: SetClock(summary, new LegalClock(d.Clock, "expired", null, null, null, d.Effect)); break;
            case CaseClosed c:
                summary.Status = "closed";
                summary.Outcome = c.Outcome;
                summary.Steps.Clear();
                summary.Tasks.Clear();
                summary.Waits.Clear();
                summary.Incidents.Clear();
                break;
        }
        return summary;
    }

    /// <summary>
    /// When the engine decided, from the event's <c>at</c> header (the engine's clock), to the
    /// microsecond PostgreSQL keeps: a rebuild from stored rows gives the same summary as the live fold.
    /// </summary>
    private static DateTimeOffset EngineTime(IEvent e)
    {
        var at = DecidedAt.Of(e) ?? e.Timestamp;
        return at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static CaseSummary Open(CaseOpened e, string id) => new()
    {
        Id = id, Tenant = e.Tenant, Kind = e.Kind, DefinitionId = e.DefinitionId, DefinitionVersion = e.DefinitionVersion,
        OpenedAt = e.OpenedAt, Applicant = PartyName(e.Inputs["applicant"]),
    };

    private static string? PartyName(JsonNode? party) =>
        party is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;

    private static void Leave(CaseSummary summary, string token, string step)
    {
        summary.Tasks.RemoveAll(x => x.Token == token && x.Step == step);
        summary.Waits.RemoveAll(x => x.Token == token && x.Step == step);
        summary.Incidents.RemoveAll(x => x.Token == token && x.Step == step);
    }

    private static void SetClock(CaseSummary summary, LegalClock clock)
    {
        summary.Clocks.RemoveAll(c => c.Name == clock.Name);
        summary.Clocks.Add(clock);
    }
}
