using Sys2.Host.Views;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Web;

/// <summary>Where a sent retry stands: its call still out, the flow moved on, or the step failed again.</summary>
public enum RetryState { Pending, Succeeded, FailedAgain }

/// <summary>A retry's standing with the reason of a new failure (the incident the retry ran into).</summary>
public sealed record RetryStanding(RetryState State, string? Reason = null);

/// <summary>
/// A retry's result read from the engine's own state of the case (never from a second reading of its events):
/// the step holds an incident again, it still waits for the regional system's answer, or it is behind it.
/// Read after the retry was appended, an incident at the step is a new one: the retry resolved the old one.
/// </summary>
public static class RetryProgress
{
    /// <summary>How long a page waits for the calls a retry sent out before it answers: most systems answer in this time, so a retry that fails again says so at once.</summary>
    public static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(5);

    public static RetryStanding Of(CaseSummary summary, string step)
    {
        var tokens = summary.State.TokensAt(step).ToList();
        if (tokens.Select(t => t.Bookmark).OfType<IncidentBookmark>().FirstOrDefault() is { } incident)
            return new RetryStanding(RetryState.FailedAgain, incident.Reason);
        return tokens.Any(t => t.Bookmark is CallBookmark) ? new RetryStanding(RetryState.Pending) : new RetryStanding(RetryState.Succeeded);
    }
}
