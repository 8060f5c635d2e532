using System.Diagnostics;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Sys2.Host.Storage;
using Sys2.Workflows.Cases.Events;

namespace Sys2.Bench;

public sealed record RawResult(long Events, int Streams, TimeSpan Elapsed, Latencies Latency)
{
    public double AppendsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// The ceiling to compare the engine with: plain Marten appends, one event per commit
/// (<c>session.Events.Append</c> + <c>SaveChangesAsync</c>), with the product's own Marten
/// configuration (<see cref="MartenSetup.Configure"/>: string keys, conjoined tenancy, headers
/// enabled, the inline CaseSummary projection) on a database of its own. No decide, no fold,
/// no audit hash, no outbox, no Wolverine.
/// </summary>
public static class RawAppends
{
    public static async Task<RawResult> RunAsync(string connectionString, long events, int streams, int concurrency)
    {
        using var store = DocumentStore.For(opts =>
        {
            MartenSetup.Configure(opts, connectionString);
            opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var tenants = MartenSetup.Tenants.ToArray();
        streams = (int)Math.Max(1, Math.Min(streams, events));
        var perStream = events / streams;
        var latency = new Latencies();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, streams).Where(s => s % concurrency == w).ToArray();
            var rounds = perStream + (events % streams == 0 ? 0 : 1);
            // Round-robin over the worker's streams, like a worker serving many cases.
            for (var round = 0L; round < rounds; round++)
            foreach (var stream in mine)
            {
                if (round >= perStream + (stream < events % streams ? 1 : 0)) continue;
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
        return new RawResult(events, streams, watch.Elapsed, latency);
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
