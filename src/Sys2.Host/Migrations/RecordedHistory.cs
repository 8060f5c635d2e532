using JasperFx.Events;
using Marten;
using Sys2.Host.Cases;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Migrations;

/// <summary>
/// A case's stream as the decisions that made it (<see cref="RecordedDecision"/>): the events one command appended
/// share its id as their causation, were decided at the <c>at</c> header's moment and carry who asked.
/// </summary>
public static class RecordedHistory
{
    public static async Task<IReadOnlyList<RecordedDecision>> ReadAsync(IDocumentStore store, string tenant, string caseId, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return Group(await session.Events.FetchStreamAsync(caseId, token: ct));
    }

    public static IReadOnlyList<RecordedDecision> Group(IReadOnlyList<IEvent> events)
    {
        var decisions = new List<RecordedDecision>();
        string? current = null;
        List<object>? batch = null;
        foreach (var e in events)
        {
            // An event stored without a causation (none are, since the chain came) stands for its own decision.
            var key = e.CausationId ?? $"event:{e.Version}";
            if (key != current || batch is null)
            {
                batch = [];
                decisions.Add(new RecordedDecision(e.Version, DecidedAt.Of(e) ?? e.Timestamp, By(e), batch));
                current = key;
            }
            batch.Add(e.Data);
        }
        return decisions;
    }

    private static Actor By(IEvent e)
    {
        string Header(string name) => e.GetHeader(name)?.ToString() ?? "";
        return Header(EventHeaders.Role) is { Length: > 0 } role && role != Actor.System.Role
            ? new Actor(Header(EventHeaders.User), role, Header(EventHeaders.Office)) { Name = Header(EventHeaders.UserName) is { Length: > 0 } n ? n : null }
            : Actor.System;
    }
}
