using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Views;

/// <summary>
/// Keeps each case's <see cref="CaseSummary"/> with the engine's own fold: the same
/// <see cref="CaseEvolution.Evolve"/> serves commands, replay, time travel, live updates and rebuilds.
/// Each event gives a new summary (never a mutated one), so a snapshot cached or loaded for a
/// command is never changed under it.
/// </summary>
public sealed class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
{
    public override CaseSummary? Evolve(CaseSummary? summary, string id, IEvent e)
    {
        var before = summary?.State ?? CaseState.Initial;
        var after = CaseEvolution.Evolve(before, e.Data);
        var at = EngineTime(e);
        return new CaseSummary
        {
            Id = id,
            State = after,
            ChainHead = e.GetHeader(EventHeaders.Hash)?.ToString() ?? "",
            UpdatedAt = at,
            WaitingSince = Since(summary?.WaitingSince ?? ImmutableDictionary<string, DateTimeOffset>.Empty, before, after, at),
        };
    }

    /// <summary>A flow whose bookmark changed with this event has waited since now; flows that ended are forgotten.</summary>
    private static ImmutableDictionary<string, DateTimeOffset> Since(
        ImmutableDictionary<string, DateTimeOffset> since, CaseState before, CaseState after, DateTimeOffset at)
    {
        foreach (var gone in since.Keys.Where(token => !after.Tokens.ContainsKey(token)))
            since = since.Remove(gone);
        foreach (var token in after.Tokens.Values)
            if (token.Bookmark is not null && !ReferenceEquals(before.Tokens.GetValueOrDefault(token.Id)?.Bookmark, token.Bookmark))
                since = since.SetItem(token.Id, at);
        return since;
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
}
