using System.Globalization;
using System.Text.Json.Nodes;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>A flow of a case as a person reads it: where it stands and what it waits for there.</summary>
public sealed record TokenView(string Token, string Step, int Visit, string? Parent, string? WaitingFor);

public sealed record ClockView(
    string Name, string Status, int Generation, DateTimeOffset? DueAt, TimeSpan? Remaining, DateTimeOffset? ResumeBy, string? SuspensionReason);

/// <summary>
/// <see cref="CaseState"/> shaped for people and JSON: bookmarks described in words, clocks with
/// their due dates, variables as they are, and the documents attached by then (<see cref="CaseDocuments"/>).
/// The same view serves the history API and <c>replay</c>.
/// </summary>
public sealed record CaseStateView(
    string CaseId,
    string Tenant,
    string Definition,
    string DefinitionHash,
    long Version,
    string Status,
    string? Outcome,
    IReadOnlyList<TokenView> Tokens,
    IReadOnlyList<ClockView> Clocks,
    JsonObject Variables,
    IReadOnlyList<string> Documents)
{
    public static CaseStateView Of(CaseState s, IEnumerable<AttachedDocument> documents)
    {
        var variables = new JsonObject();
        foreach (var (name, value) in s.Variables.OrderBy(v => v.Key, StringComparer.Ordinal)) variables[name] = value?.DeepClone();
        return new CaseStateView(
            s.CaseId, s.Tenant, $"{s.DefinitionId}@{s.DefinitionVersion}", s.DefinitionHash, s.Version,
            s.Status.ToString().ToLowerInvariant(), s.Outcome,
            [.. s.Tokens.Values.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new TokenView(t.Id, t.Step, t.Visit, t.Parent, Describe(t.Bookmark)))],
            [.. s.Clocks.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ClockView(
                c.Name, c.Status.ToString().ToLowerInvariant(), c.Generation, c.DueAt, c.Remaining, c.ResumeBy, c.SuspensionReason))],
            variables,
            [.. documents.Where(d => d.Version <= s.Version).Select(d => $"{d.Name} ({d.MediaType}, sha256 {d.Sha256})")]);
    }

    /// <summary>What a bookmark waits for, in words; null when the flow waits for nothing.</summary>
    public static string? Describe(Bookmark? bookmark) => bookmark switch
    {
        null => null,
        TaskBookmark t => $"task for {t.Role}{(t.Office.Length > 0 ? $" of {t.Office}" : "")} (outcomes: {string.Join(", ", t.Outcomes)})"
            + (t.DueAt is { } due ? $", due {Instant(due)}" : ""),
        CallBookmark c => $"answer of {c.Activity} (attempt {c.Attempt}, key {c.IdempotencyKey})",
        WaitBookmark w => $"event '{w.Event}'" + (w.TimeoutAt is { } timeout ? $", times out {Instant(timeout)}" : ""),
        IncidentBookmark i => $"an operator: incident in {i.Activity} after {i.Attempts} attempt(s): {i.Reason}",
        ForkBookmark f => $"branches {string.Join(", ", f.Pending.Order(StringComparer.Ordinal))} to join at '{f.Join}'",
        _ => bookmark.GetType().Name,
    };

    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
