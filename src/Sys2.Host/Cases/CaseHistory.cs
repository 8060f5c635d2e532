using System.Collections.Immutable;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

/// <summary>
/// One event of a case as an auditor reads it: who (the user, role and office headers), when
/// (the engine's clock the decision was taken on, and the moment PostgreSQL stored it), what
/// (type and payload), why (correlation and causation), and the state it led to, with the
/// documents attached by then.
/// </summary>
public sealed record CaseHistoryEntry(
    long Version,
    string Type,
    JsonNode? Payload,
    string? User,
    string? Role,
    string? Office,
    string? UserName,
    DateTimeOffset? DecidedAt,
    DateTimeOffset RecordedAt,
    string? Correlation,
    string? Causation,
    string? Definition,
    CaseState After,
    ImmutableList<AttachedDocument> Documents);

/// <summary>
/// Time travel: the state of a case at a stream version or at an instant, folded with the same
/// <see cref="CaseEvolution.Evolve"/> as the live state, so history and the present cannot disagree.
/// Every read is in one tenant: another entity's case does not exist here.
/// </summary>
public sealed class CaseHistory(IDocumentStore store)
{
    /// <summary>The state after event <paramref name="version"/>, or null when the case has no such version in the tenant.</summary>
    public async Task<CaseState?> StateAtVersionAsync(string tenant, string caseId, long version, CancellationToken ct = default)
    {
        // Marten reads version 0 as "all of it".
        if (version < 1) return null;
        var state = await FoldAsync(tenant, caseId, version, null, ct);
        return state?.Version == version ? state : null;
    }

    /// <summary>
    /// The state as it stood at <paramref name="at"/>, by the time PostgreSQL recorded each event
    /// (a command's events share one); null when the case did not exist yet.
    /// </summary>
    public Task<CaseState?> StateAtAsync(string tenant, string caseId, DateTimeOffset at, CancellationToken ct = default) =>
        FoldAsync(tenant, caseId, 0, at, ct);

    /// <summary>The current state; null when the tenant has no such case.</summary>
    public Task<CaseState?> StateAsync(string tenant, string caseId, CancellationToken ct = default) =>
        FoldAsync(tenant, caseId, 0, null, ct);

    /// <summary>Every event up to <paramref name="upToVersion"/> or <paramref name="upTo"/> (all when neither), each with the state after it.</summary>
    public async Task<IReadOnlyList<CaseHistoryEntry>> EntriesAsync(
        string tenant, string caseId, long? upToVersion = null, DateTimeOffset? upTo = null, CancellationToken ct = default)
    {
        if (upToVersion < 1) return [];
        var events = await FetchAsync(tenant, caseId, upToVersion ?? 0, upTo, ct);
        var serializer = store.Options.Serializer();
        var entries = new List<CaseHistoryEntry>(events.Count);
        var state = CaseState.Initial;
        var documents = ImmutableList<AttachedDocument>.Empty;
        foreach (var e in events)
        {
            state = CaseEvolution.Evolve(state, e.Data);
            if (CaseDocuments.Of(e.Data, e.Version) is { } attached) documents = documents.Add(attached);
            entries.Add(new CaseHistoryEntry(
                e.Version, e.Data.GetType().Name, JsonNode.Parse(serializer.ToJson(e.Data)),
                Header(e, EventHeaders.User) ?? e.UserName, Header(e, EventHeaders.Role), Header(e, EventHeaders.Office), Header(e, EventHeaders.UserName),
                DecidedAt.Of(e), e.Timestamp,
                e.CorrelationId, e.CausationId, Header(e, EventHeaders.Definition), state, documents));
        }
        return entries;
    }

    /// <summary>Every event with the moment the engine decided it: what a term's ledger (<see cref="ClockLedger"/>) is read from.</summary>
    public async Task<IReadOnlyList<TimedEvent>> TimedEventsAsync(string tenant, string caseId, CancellationToken ct = default) =>
        [.. (await FetchAsync(tenant, caseId, 0, null, ct)).Select(e => new TimedEvent(e.Data, DecidedAt.Of(e) ?? e.Timestamp))];

    private async Task<CaseState?> FoldAsync(string tenant, string caseId, long version, DateTimeOffset? at, CancellationToken ct)
    {
        var events = await FetchAsync(tenant, caseId, version, at, ct);
        return events.Count == 0 ? null : CaseEvolution.Replay(events.Select(e => e.Data));
    }

    private async Task<IReadOnlyList<IEvent>> FetchAsync(string tenant, string caseId, long version, DateTimeOffset? at, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return await session.Events.FetchStreamAsync(caseId, version, at, token: ct);
    }

    private static string? Header(IEvent e, string name) =>
        e.GetHeader(name)?.ToString() is { Length: > 0 } value ? value : null;
}
