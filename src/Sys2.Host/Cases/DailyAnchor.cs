using System.Globalization;
using System.Text.Json;
using Npgsql;
using Sys2.Host.Storage;
using Sys2.Integrations;
using Sys2.Integrations.DigiP;
using Sys2.Workflows.Runtime;

namespace Sys2.Host.Cases;

public enum AnchorStatus
{
    /// <summary>Written now.</summary>
    Made,

    /// <summary>Already there, byte for byte what the database says today.</summary>
    Unchanged,

    /// <summary>Already there and the database now says otherwise: left as it was, for <c>verify</c> to explain.</summary>
    Differs,

    /// <summary>The day is not over yet (or not by <see cref="DailyAnchor.Grace"/>): its anchor would still change.</summary>
    DayNotOver,
}

/// <summary>What making a day's anchor did, and what DigiP did not take (to be sent again on the next round).</summary>
public sealed record AnchorResult(DateOnly Day, AnchorStatus Status, string File, int Cases, IReadOnlyList<string> NotPreserved);

/// <summary>
/// Makes the daily anchor of the audit chains (<see cref="ChainAnchor"/>): reads from the database the last event
/// of every case changed on a day (a day in Italy, on the engine's clock: the <c>at</c> header), signs the list
/// with the anchor key, writes it to the anchor folder, and sends each entity its own extract as a versamento
/// to DigiP. A day's anchor is a function of the events of that day only, so every host, and a run of the
/// <c>anchor</c> verb, make the same bytes; an anchor file once written is never overwritten.
/// </summary>
public sealed class DailyAnchor(string connectionString, AnchorSettings settings, TimeProvider clock, string schema = MartenSetup.Schema)
{
    /// <summary>The name of the register in the versamento: the registry number reads <c>catene-audit-2026-03-02</c>.</summary>
    public const string RegisterName = "catene-audit";

    /// <summary>How long after midnight a day is closed: a command decided at 23:59:59 is committed by then.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <summary>At most this many days in one round of catching up (a host back after a long stop).</summary>
    const int MaxDaysPerRound = 366;

    public AnchorSettings Settings => settings;

    /// <summary>The day before today in Italy, once <see cref="Grace"/> has passed since midnight.</summary>
    public DateOnly LastClosedDay() => ItalianDay(clock.GetUtcNow() - Grace).AddDays(-1);

    public async Task<AnchorResult> MakeAsync(DateOnly day, IDigiPPort? digip, CancellationToken ct = default)
    {
        var file = Path.Combine(settings.Folder, new ChainAnchor(day, null, []).FileName);
        if (day > LastClosedDay()) return new AnchorResult(day, AnchorStatus.DayNotOver, file, 0, []);

        var key = AnchorKey.LoadOrCreate(settings.KeyFile);
        var anchor = new ChainAnchor(day, null, await HeadsAsync(day, ct));
        var bytes = anchor.Sign(key);
        var status = await WriteOnceAsync(file, bytes, ct);
        // A differing file is evidence; what is preserved is what the file says, never a second version of the day.
        var notPreserved = status == AnchorStatus.Differs || digip is null ? [] : await PreserveAsync(anchor, key, digip, ct);
        return new AnchorResult(day, status, file, anchor.Heads.Count, notPreserved);
    }

    /// <summary>
    /// The closed days still without an anchor: from the day after the last anchor (or, the first time, the day of
    /// the first event) to <see cref="LastClosedDay"/>. A day without events gets its (empty) anchor too: it says
    /// that no case changed that day, so none can be slipped in later.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> DaysDueAsync(CancellationToken ct = default)
    {
        var last = LastClosedDay();
        var anchored = AnchoredDays();
        DateOnly first;
        if (anchored.Count > 0) first = anchored[^1].AddDays(1);
        else if (await FirstEventAsync(ct) is { } firstEvent) first = ItalianDay(firstEvent);
        else return [];
        var days = new List<DateOnly>();
        for (var day = first; day <= last && days.Count < MaxDaysPerRound; day = day.AddDays(1)) days.Add(day);
        return days;
    }

    /// <summary>Sends again the extracts DigiP has not acknowledged, for the anchors of the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<string>> PreserveRecentAsync(IDigiPPort digip, int days, CancellationToken ct = default)
    {
        var key = AnchorKey.LoadOrCreate(settings.KeyFile);
        var problems = new List<string>();
        foreach (var day in AnchoredDays().TakeLast(days))
        {
            var path = Path.Combine(settings.Folder, new ChainAnchor(day, null, []).FileName);
            var (anchor, problem) = ChainAnchor.Read(await File.ReadAllBytesAsync(path, ct), key);
            if (anchor is null) problems.Add($"{Path.GetFileName(path)}: {problem}; not sent");
            else problems.AddRange(await PreserveAsync(anchor, key, digip, ct));
        }
        return problems;
    }

    /// <summary>The days of the anchor files in the folder, in order.</summary>
    public IReadOnlyList<DateOnly> AnchoredDays()
    {
        if (!Directory.Exists(settings.Folder)) return [];
        return Directory.GetFiles(settings.Folder, "chain-anchor-*.txt")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => DateOnly.TryParseExact(name!["chain-anchor-".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var day) ? day : (DateOnly?)null)
            .OfType<DateOnly>()
            .Order()
            .ToList();
    }

    async Task<IReadOnlyList<AnchoredHead>> HeadsAsync(DateOnly day, CancellationToken ct)
    {
        var (from, to) = Bounds(day);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // The stored hash of the day's last event of each case: verify recomputes the chain and compares with it.
        await using var command = new NpgsqlCommand($"""
            select distinct on (tenant_id, stream_id) tenant_id, stream_id, version, headers->>'{EventHeaders.Hash}'
            from {schema}.mt_events
            where headers ? '{EventHeaders.At}'
              and (headers->>'{EventHeaders.At}')::timestamptz >= @from and (headers->>'{EventHeaders.At}')::timestamptz < @to
            order by tenant_id, stream_id, version desc
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var heads = new List<AnchoredHead>();
        while (await reader.ReadAsync(ct))
            heads.Add(new AnchoredHead(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
        return heads;
    }

    async Task<DateTimeOffset?> FirstEventAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select min((headers->>'{EventHeaders.At}')::timestamptz) from {schema}.mt_events where headers ? '{EventHeaders.At}'", connection);
        return await command.ExecuteScalarAsync(ct) is DateTime first ? new DateTimeOffset(DateTime.SpecifyKind(first, DateTimeKind.Utc)) : null;
    }

    /// <summary>Each entity's extract to DigiP, unless an earlier round already has its rapporto di versamento.</summary>
    async Task<IReadOnlyList<string>> PreserveAsync(ChainAnchor anchor, byte[] key, IDigiPPort digip, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var tenant in anchor.Heads.Select(h => h.Tenant).Distinct().Order(StringComparer.Ordinal))
        {
            var extract = anchor.Of(tenant);
            var receipt = Path.Combine(settings.Folder, Path.ChangeExtension(extract.FileName, ".rapporto.json"));
            if (File.Exists(receipt)) continue;
            var sip = DailyRegister.Build(tenant, RegisterName, anchor.Day, extract.FileName, extract.Sign(key), extract.Heads.Count, Bounds(anchor.Day).To);
            try
            {
                switch (await digip.SubmitAsync(tenant, sip, DailyRegister.IdempotencyKey(tenant, RegisterName, anchor.Day), ct))
                {
                    case RapportoDiVersamento rapporto:
                        await File.WriteAllTextAsync(receipt, JsonSerializer.Serialize(new { sip = sip.Id, rapporto.Id, rapporto.ReceivedAt, rapporto.SipDigest }), ct);
                        break;
                    case SipRejected rejected:
                        problems.Add($"{extract.FileName}: DigiP rejected {sip.Id}: {rejected}");
                        break;
                }
            }
            catch (IntegrationException e)
            {
                problems.Add($"{extract.FileName}: DigiP did not take {sip.Id}: {e.Message}");
            }
        }
        return problems;
    }

    /// <summary>Writes the file unless it exists; several hosts may race, and the first file stays.</summary>
    static async Task<AnchorStatus> WriteOnceAsync(string path, byte[] bytes, CancellationToken ct)
    {
        if (File.Exists(path)) return Same(path, bytes) ? AnchorStatus.Unchanged : AnchorStatus.Differs;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return AnchorStatus.Made;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return Same(path, bytes) ? AnchorStatus.Unchanged : AnchorStatus.Differs;
        }
    }

    static bool Same(string path, byte[] bytes) => File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);

    /// <summary>Midnight to midnight in Italy, as instants.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(DateOnly day) =>
        (Midnight(day), Midnight(day.AddDays(1)));

    static DateTimeOffset Midnight(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), LegalCalendar.Italy), TimeSpan.Zero);

    static DateOnly ItalianDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, LegalCalendar.Italy).DateTime);
}
