using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>
/// A case as a clerk opens it: its state in words (<see cref="CaseStateView"/>, the same view the
/// history and <c>replay</c> show), its open tasks, waits and incidents, and the head of its audit chain.
/// </summary>
public sealed record CaseView(
    CaseStateView State,
    IReadOnlyList<OpenTask> Tasks,
    IReadOnlyList<OpenWait> Waits,
    IReadOnlyList<OpenIncident> Incidents,
    string ChainHead,
    DateTimeOffset UpdatedAt)
{
    public static CaseView Of(CaseSummary summary, IReadOnlyList<AttachedDocument> documents) =>
        new(CaseStateView.Of(summary.State, documents), summary.Tasks, summary.Waits, summary.Incidents, summary.ChainHead, summary.UpdatedAt);
}

/// <summary>A line of a list of cases.</summary>
public sealed record CaseListItem(
    string Id, string Kind, string DefinitionId, int DefinitionVersion, string Status, string? Outcome, string? Applicant,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, long Version, IReadOnlyDictionary<string, string> Steps, IReadOnlyList<LegalClock> Clocks)
{
    public static CaseListItem Of(CaseSummary c) => new(
        c.Id, c.Kind, c.DefinitionId, c.DefinitionVersion, c.Status, c.Outcome, c.Applicant, c.OpenedAt, c.UpdatedAt, c.Version, c.Steps, c.Clocks);
}
