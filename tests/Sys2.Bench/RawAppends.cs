using System.Diagnostics;
using System.Text.Json.Nodes;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Sys2.Host.Storage;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Bench;

public sealed record RawResult(string Name, long Events, int Streams, TimeSpan Elapsed, Latencies Latency, CpuSample Cpu)
{
    public double AppendsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>Which Marten the engine is compared with.</summary>
public enum AppendBaseline
{
    /// <summary><see cref="MartenSetup.Configure"/> as the product uses it, inline projections included.</summary>
    Product,

    /// <summary>The same event store without any projection or document, in Marten's quick append mode.</summary>
    PlainQuick,

    /// <summary>The same, in Marten's default (rich) append mode.</summary>
    PlainRich,
}

/// <summary>
/// The ceilings to compare the engine with: Marten appends, one event per commit
/// (<c>session.Events.Append</c> + <c>SaveChangesAsync</c>), on a schema of their own in the
/// baseline database. No decide, no fold, no audit hash, no outbox, no Wolverine.
/// </summary>
public static class RawAppends
{
    /// <summary>
    /// Appends until <paramref name="events"/> are written or <paramref name="duration"/> has
    /// passed (<see cref="Timeout.InfiniteTimeSpan"/>: no time limit), round-robin over <paramref name="streams"/> streams like workers serving many cases.
    /// </summary>
    public static async Task<RawResult> RunAsync(AppendBaseline baseline, string connectionString, int? postmaster,
        long events, TimeSpan duration, int streams, int concurrency)
    {
        using var store = DocumentStore.For(opts =>
        {
            if (baseline == AppendBaseline.Product) MartenSetup.Configure(opts, connectionString);
            else Plain(opts, connectionString, baseline == AppendBaseline.PlainQuick ? EventAppendMode.Quick : EventAppendMode.Rich);
            opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var tenants = MartenSetup.Tenants.ToArray();
        streams = (int)Math.Max(1, Math.Min(streams, events));
        var tickets = 0L;
        if (duration == Timeout.InfiniteTimeSpan) duration = TimeSpan.MaxValue;
        var latency = new Latencies();
        var cpuBefore = CpuMeter.Sample(postmaster);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, streams).Where(s => s % concurrency == w).ToArray();
            for (var round = 0L; ; round++)
            foreach (var stream in mine)
            {
                if (Interlocked.Increment(ref tickets) > events || watch.Elapsed >= duration) return;
                var tenant = tenants[stream % tenants.Length];
                var key = $"RAW-{tenant}-2026-{stream:0000000}";
                var start = Stopwatch.GetTimestamp();
                await using (var session = store.LightweightSession(tenant))
                {
                    if (round == 0) session.Events.StartStream(key, Opened(key, tenant));
                    else session.Events.Append(key, Next(round));
                    await session.SaveChangesAsync();
                }
                latency.Add(start);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        var cpu = CpuMeter.Sample(postmaster) - cpuBefore;
        return new RawResult(baseline.ToString(), latency.Count, streams, watch.Elapsed, latency, cpu);
    }

    /// <summary>
    /// The event store of <see cref="MartenSetup.Configure"/> (string keys, conjoined tenancy,
    /// the same metadata columns and event types) with no projection and no document: what
    /// Marten's append costs by itself. Written out rather than derived from
    /// <see cref="MartenSetup.Configure"/>, which registers the projections: StoreOptions has no
    /// documented way to take a registered projection back out.
    /// </summary>
    private static void Plain(StoreOptions opts, string connectionString, EventAppendMode mode)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = $"plain_{mode.ToString().ToLowerInvariant()}";
        opts.UseSystemTextJsonForSerialization();
        var events = opts.Events;
        (events.StreamIdentity, events.TenancyStyle, events.AppendMode) = (StreamIdentity.AsString, TenancyStyle.Conjoined, mode);
        var metadata = events.MetadataConfig;
        metadata.HeadersEnabled = metadata.CausationIdEnabled = metadata.CorrelationIdEnabled = metadata.UserNameEnabled = true;
        events.AddEventTypes(CaseEventTypes.All);
    }

    private static CaseOpened Opened(string key, string tenant) => new(key, tenant, "suap.scia", 1, new string('a', 64), "suap",
        new JsonObject { ["applicant"] = new JsonObject { ["fiscalCode"] = "RSSMRA45D25F205N", ["name"] = "Mario Rossi" }, ["activity"] = "Apertura" },
        "chiara.neri", BenchHost.Start);

    private static object Next(long n) => (n % 3) switch
    {
        0 => new StepEntered("protocol", "call", "main", 1),
        1 => new VariablesSet("protocol", new JsonObject { ["protocolNumber"] = "0000001", ["protocolDate"] = "2026-03-02" }),
        _ => new TaskAssigned("formal-check", "main", "clerk", "SUAP", ["complete", "incomplete"], BenchHost.Start.AddDays(1)),
    };
}
