using Npgsql;
using Sys2.Host.Storage;

namespace Sys2.Host.Cases;

/// <summary>
/// What the auditor learns about one stream: intact (and up to which version an anchor vouches for it), or the
/// first event that does not fit the chain or its anchors.
/// </summary>
public sealed record ChainReport(string Tenant, string CaseId, int Events, long? FirstBrokenVersion, string? Problem, AnchorPoint? Anchored = null)
{
    public bool Intact => Problem is null;

    public override string ToString() => Intact
        ? $"{Tenant}/{CaseId}: {Events} events, chain intact" + (Anchored is { } a
            ? $", anchored up to version {a.Version} on {ChainAnchor.DayText(a.Day)}"
            : ", not yet anchored")
        : $"{Tenant}/{CaseId}: ALTERED at version {FirstBrokenVersion}: {Problem}";
}

/// <summary>
/// Recomputes the audit chain from the rows PostgreSQL holds, not from what Marten would
/// give back, so a change made directly in the database is seen; and compares it with the
/// signed daily anchors (<see cref="AnchorBook"/>), kept outside the database, so that a
/// removed tail or a chain rewritten with fresh hashes is seen too.
/// </summary>
public sealed class AuditVerifier(string connectionString, AnchorBook? anchors = null, string schema = MartenSetup.Schema)
{
    readonly AnchorBook anchors = anchors ?? AnchorBook.Empty;

    /// <summary>Anchor files that vouch for nothing: forged, unreadable, or without a key to check them.</summary>
    public IReadOnlyList<AnchorFileReport> AnchorProblems => anchors.Problems;

    /// <summary>Every case in the database, and every anchored case even when the database has lost all its events.</summary>
    public async Task<IReadOnlyList<ChainReport>> VerifyAllAsync(CancellationToken ct = default)
    {
        var streams = new SortedSet<(string Tenant, string Id)>(anchors.Cases);
        await using (var connection = await OpenAsync(ct))
        await using (var command = new NpgsqlCommand($"select distinct tenant_id, stream_id from {schema}.mt_events order by 1, 2", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) streams.Add((reader.GetString(0), reader.GetString(1)));
        var reports = new List<ChainReport>();
        foreach (var (tenant, id) in streams) reports.Add(await VerifyAsync(tenant, id, ct));
        return reports;
    }

    public async Task<ChainReport> VerifyAsync(string tenant, string caseId, CancellationToken ct = default)
    {
        IReadOnlyList<StoredEvent> rows;
        await using (var connection = await OpenAsync(ct))
            rows = await StoredEvent.ReadAsync(connection, tenant, caseId, ct, schema);
        var points = anchors.PointsOf(tenant, caseId);
        var nextPoint = 0;
        AnchorPoint? vouched = null;
        var previous = "";
        long expectedVersion = 1;
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            var version = row.Version;
            if (version != expectedVersion)
                return new ChainReport(tenant, caseId, count, expectedVersion, $"event {expectedVersion} is missing (next stored is {version})");
            var type = row.Type;
            var computed = AuditChain.HashOf(previous, row);
            if (row.StoredHash != computed)
                return new ChainReport(tenant, caseId, count, version,
                    $"{type} does not match its hash: its content, metadata or position was changed, or an event before it was removed");
            // The database's chain fits itself; it must also fit what the anchors recorded of it.
            for (; nextPoint < points.Count && points[nextPoint].Version == version; nextPoint++)
            {
                var point = points[nextPoint];
                if (point.Hash != computed)
                    return new ChainReport(tenant, caseId, count, (vouched?.Version ?? 0) + 1,
                        $"the chain was rewritten: at version {version} it hashes to {Short(computed)}, the anchor of "
                        + $"{ChainAnchor.DayText(point.Day)} recorded {Short(point.Hash)}; "
                        + (vouched is { } good
                            ? $"the anchor of {ChainAnchor.DayText(good.Day)} still vouches for versions up to {good.Version}, so an event of {good.Version + 1}..{version} was altered"
                            : $"an event of 1..{version} was altered"));
                vouched = point;
            }
            previous = computed;
            expectedVersion++;
        }
        if (points.Count > 0 && points[^1] is var last && last.Version > count)
            return new ChainReport(tenant, caseId, count, count + 1,
                $"events {count + 1}..{last.Version} are missing: the anchor of {ChainAnchor.DayText(last.Day)} recorded version "
                + $"{last.Version} ({Short(last.Hash)}), the database's stream ends at version {count}");
        return new ChainReport(tenant, caseId, count, null, count == 0 ? "no events" : null, vouched);
    }

    static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
