using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Schema;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Invoices;
using Sys2.Invoices;
using Sys2.Sandbox.IntermediaMarche;
using Sys2.Workflows.Tenants;

namespace Sys2.Bench;

/// <summary>One phase of the invoice benchmark: files handled, wall time, CPU of this process and of PostgreSQL.</summary>
public sealed record InvoicePhase(string Name, int Files, TimeSpan Elapsed, CpuSample Cpu, Latencies Latency, int Failures)
{
    public double PerSecond => Files / Elapsed.TotalSeconds;
    public double HostMsPerFile => Cpu.Host.TotalMilliseconds / Files;
    public double PostgresMsPerFile => Cpu.Postgres.TotalMilliseconds / Files;
}

/// <summary>
/// Issue 11's ingest figure: FatturaPA files from the IntermediaMarche sandbox's generator
/// (<see cref="SampleInvoices"/>, one invoice per file, signed with <see cref="SandboxSigner"/>),
/// measured at three depths in the same process — the shipped XSD alone, <see cref="InvoiceFiles.Read"/>
/// (unsigned, then p7m), and the host's <see cref="InvoiceIngest.ReceiveAsync"/> on the real database.
/// </summary>
public static class InvoiceBench
{
    public sealed record Result(int Entities, int Workers, InvoicePhase XsdAlone, InvoicePhase ReadXml, InvoicePhase ReadP7m, InvoicePhase Ingest, int Warmup,
        long Steps, long Events, InvoicePhase Receipt, InvoicePhase Drain, long DrainSteps, SqlFigures? Sql, int Profiled);

    private const int ProfiledFiles = 300;

    private sealed record Sample(string FileName, byte[] Xml, string SignedName, byte[] Signed, string SdiId);

    /// <param name="profileDb">The engine database when pg_stat_statements is installed: then 300 more files are ingested with tracking on.</param>
    public static async Task<Result> RunAsync(BenchHost host, int? postmaster, int count, int workers, string? profileDb, Action<string> log)
    {
        const int entities = 8;
        var codes = EntityCatalogue.Load().All.Take(entities).Select(InvoiceRoute.PlaceholderCodeOf).ToArray();
        await WaitForRoutesAsync(host, codes);
        // Long enough for the tiered JIT to promote the ingest path (a profile after 100 files still found it at tier 0).
        var warmup = Math.Min(500, Math.Max(50, count / 2));
        var profiled = profileDb is null ? 0 : ProfiledFiles;
        log($"invoices: generating and signing {count + warmup + profiled} files for {entities} entities ({string.Join(", ", codes)})");
        var random = new Random(11);
        var today = DateOnly.FromDateTime(BenchHost.Start.UtcDateTime);
        var samples = Enumerable.Range(0, 2 * count + warmup + profiled).Select(i =>
        {
            var (name, xml, _) = SampleInvoices.Build(new SampleInvoiceRequest(codes[i % codes.Length]), random, $"B{i:D6}", today);
            return new Sample(name, xml, name + ".p7m", SandboxSigner.Sign(xml, BenchHost.Start), (900_000_000L + i).ToString(CultureInfo.InvariantCulture));
        }).ToArray();
        var (warm, measured, held, extra) =
            (samples[..warmup], samples[warmup..(warmup + count)], samples[(warmup + count)..(warmup + 2 * count)], samples[(warmup + 2 * count)..]);

        var schemas = FatturaSchemas();
        bool Validate(Sample s)
        {
            var valid = true;
            var settings = new XmlReaderSettings
            {
                ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null,
            };
            settings.ValidationEventHandler += (_, e) => { if (e.Severity == XmlSeverityType.Error) valid = false; };
            using var reader = XmlReader.Create(new MemoryStream(s.Xml), settings);
            while (reader.Read()) { }
            return valid;
        }
        bool ReadXml(Sample s) => InvoiceFiles.Read(s.Xml, s.FileName).Verdict == InvoiceVerdict.Valid;
        bool ReadP7m(Sample s) => InvoiceFiles.Read(s.Signed, s.SignedName) is { Verdict: InvoiceVerdict.Valid, Signature: not null };

        // Warm each path's code first (JIT, schema compilation), then measure on the other files.
        foreach (var s in warm) { Validate(s); ReadXml(s); ReadP7m(s); }
        var xsd = Cpu("XSD validation alone", measured, workers, postmaster, Validate);
        log($"invoices: XSD alone {xsd.PerSecond:0} files/s, host CPU {xsd.HostMsPerFile:0.00} ms/file, failures {xsd.Failures}");
        var readXml = Cpu("InvoiceFiles.Read .xml", measured, workers, postmaster, ReadXml);
        log($"invoices: Read .xml {readXml.PerSecond:0} files/s, host CPU {readXml.HostMsPerFile:0.00} ms/file, failures {readXml.Failures}");
        var readP7m = Cpu("InvoiceFiles.Read .xml.p7m", measured, workers, postmaster, ReadP7m);
        log($"invoices: Read .p7m {readP7m.PerSecond:0} files/s, host CPU {readP7m.HostMsPerFile:0.00} ms/file, failures {readP7m.Failures}");

        var ingest = host.Services.GetRequiredService<InvoiceIngest>();
        async Task<bool> ReceiveAsync(Sample s)
        {
            var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(InvoiceDelivery.IntermediaMarche, s.SignedName, s.Signed, host.Clock.GetUtcNow(), s.SdiId), CancellationToken.None);
            return outcome is { AlreadyReceived: false, File.Status: ReceivedFileStatus.Received, File.Invoices: [{ CaseId: not null }] };
        }
        log($"invoices: ingest warm-up, {warm.Length} files");
        await IngestAsync("warm-up", warm, workers, postmaster, ReceiveAsync);
        await WaitForQuietAsync(host);
        log($"invoices: ingest of {measured.Length} signed files, {workers} workers");
        var (steps, events) = (host.Probe.Steps, host.Probe.Events);
        var full = await IngestAsync("InvoiceIngest.ReceiveAsync", measured, workers, postmaster, ReceiveAsync);
        (steps, events) = (host.Probe.Steps - steps, host.Probe.Events - events);
        log($"invoices: ingest {full.PerSecond:0} invoices/s, {full.Latency.Describe()}, host CPU {full.HostMsPerFile:0.00} ms, PostgreSQL CPU {full.PostgresMsPerFile:0.00} ms per invoice, failures {full.Failures}; engine steps during it {steps} ({events} events)");

        // The receipt alone: the regional systems hold their answers, so the cases wait at their first call (protocol
        // registration) while the files keep coming, as when the protocol register is slow. Then they answer, and the
        // cases' next steps drain: the same work as above, in two measured parts.
        await WaitForQuietAsync(host);
        host.Activities.Hold();
        log($"invoices: receipt alone, {held.Length} more signed files, the regional systems holding their answers");
        var receipt = await IngestAsync("receipt alone", held, workers, postmaster, ReceiveAsync);
        log($"invoices: receipt {receipt.PerSecond:0} invoices/s, {receipt.Latency.Describe()}, host CPU {receipt.HostMsPerFile:0.00} ms, PostgreSQL CPU {receipt.PostgresMsPerFile:0.00} ms per invoice, failures {receipt.Failures}");
        var drainSteps = host.Probe.Steps;
        var drainCpu = CpuMeter.Sample(postmaster);
        var drainClock = Stopwatch.StartNew();
        host.Activities.Answer();
        await WaitForQuietAsync(host, TimeSpan.FromMinutes(10));
        var drain = new InvoicePhase("drain", held.Length, drainClock.Elapsed, CpuMeter.Sample(postmaster) - drainCpu, new Latencies(), 0);
        drainSteps = host.Probe.Steps - drainSteps;
        log($"invoices: drained in {drain.Elapsed.TotalSeconds:0.0} s, {drainSteps} steps, host CPU {drain.HostMsPerFile:0.00} ms, PostgreSQL CPU {drain.PostgresMsPerFile:0.00} ms per invoice");

        SqlFigures? sql = null;
        if (profileDb is not null)
        {
            await WaitForQuietAsync(host);
            log($"invoices: SQL profile, {extra.Length} more files with pg_stat_statements.track = all");
            sql = await SqlProfile.MeasureAsync(profileDb, async () =>
            {
                await IngestAsync("profiled", extra, workers, postmaster, ReceiveAsync);
                await WaitForQuietAsync(host);
            });
            log($"invoices: SQL per invoice {(double)sql.Statements / extra.Length:0.0} statements ({(double)sql.TopLevel / extra.Length:0.0} top-level), {(double)sql.RoundTrips / extra.Length:0.0} round trips, {(double)sql.Transactions / extra.Length:0.0} transactions");
        }
        return new Result(entities, workers, xsd, readXml, readP7m, full, warm.Length, steps, events, receipt, drain, drainSteps, sql, extra.Length);
    }

    public static IEnumerable<string> Rows(Result r)
    {
        string Cores(InvoicePhase p) => $"{(p.Cpu.Host + p.Cpu.Postgres).TotalSeconds / p.Elapsed.TotalSeconds:0.00} of {Environment.ProcessorCount} cores";
        string Local(InvoicePhase p) =>
            $"{p.PerSecond:N0} files/s ({p.Files:N0} files in {p.Elapsed.TotalSeconds:0.00} s, host CPU {p.HostMsPerFile:0.00} ms/file, {Cores(p)}; failures {p.Failures})";
        var i = r.Ingest;
        yield return $"| 7 | Invoices: XSD validation alone (the shipped FatturaPA 1.2.2 schema, `XmlReader` validating), unsigned FPA12, {r.Workers} workers | **{Local(r.XsdAlone)}** | – |";
        yield return $"| 7 | Invoices: `InvoiceFiles.Read` of the same `.xml` (size, XML safety, XSD, fields) | {Local(r.ReadXml)} | – |";
        yield return $"| 7 | Invoices: `InvoiceFiles.Read` of the same files signed (`.xml.p7m`, CAdES-BES, RSA 2048: signature check + the above) | {Local(r.ReadP7m)} | – |";
        yield return $"| 7 | **Invoices ingested**: `InvoiceIngest.ReceiveAsync` of the signed files (signature, XSD, routing to {r.Entities} entities' office codes, file record, bytes, one case opened each), {r.Workers} workers, after {r.Warmup} warm-up files | " +
            $"**{i.PerSecond:N0} invoices/s** ({i.Files:N0} in {i.Elapsed.TotalSeconds:0.0} s, {i.Latency.Describe()}; host CPU {i.HostMsPerFile:0.00} ms, PostgreSQL CPU {i.PostgresMsPerFile:0.00} ms per invoice; {Cores(i)}; failures {i.Failures}) | ≥ 300/s {(i.PerSecond >= 300 && i.Failures == 0 ? "✅" : "❌")} |";
        var (rc, dr) = (r.Receipt, r.Drain);
        yield return $"| 7 | **Invoices received, the receipt alone**: the same on {rc.Files:N0} more files while the regional systems hold their answers (the cases wait at protocol registration, as behind a slow protocol register), {r.Workers} workers | " +
            $"**{rc.PerSecond:N0} invoices/s** ({rc.Files:N0} in {rc.Elapsed.TotalSeconds:0.0} s, {rc.Latency.Describe()}; host CPU {rc.HostMsPerFile:0.00} ms, PostgreSQL CPU {rc.PostgresMsPerFile:0.00} ms per invoice; {Cores(rc)}; failures {rc.Failures}) | ≥ 300/s {(rc.PerSecond >= 300 && rc.Failures == 0 ? "✅" : "❌")} |";
        yield return $"| 7 | Then the systems answer and those cases run on to the clerk's assignment task (protocol registration, the supplier's notice) | drained in {dr.Elapsed.TotalSeconds:0.0} s: {r.DrainSteps:N0} steps = {(double)r.DrainSteps / dr.Files:0.0} per invoice, {dr.Files / dr.Elapsed.TotalSeconds:N0} invoices/s; host CPU {dr.HostMsPerFile:0.00} ms, PostgreSQL CPU {dr.PostgresMsPerFile:0.00} ms per invoice; {Cores(dr)} | – |";
        yield return $"| 7 | Engine work during the measured ingest (the opened cases run on by Wolverine with instant activities, counted by the probe) | {r.Steps:N0} steps, {r.Events:N0} events = {(double)r.Steps / i.Files:0.0} steps, {(double)r.Events / i.Files:0.0} events per invoice | – |";
        if (r.Sql is { } sql)
        {
            string Per(long n) => $"{(double)n / r.Profiled:0.0}";
            yield return $"| 7 | SQL per invoice (pg_stat_statements, {r.Profiled} more files ingested with track = all, until Wolverine is idle) | {Per(sql.Statements)} statements ({Per(sql.TopLevel)} top-level), {Per(sql.RoundTrips)} round trips, {Per(sql.Transactions)} transactions, {Per(sql.Discards)} `DISCARD ALL`; top-level execution {sql.TotalMs / r.Profiled:0.00} ms per invoice | – |";
        }
        yield return $"| 7 | Ingest ÷ XSD alone | {i.PerSecond / r.XsdAlone.PerSecond:0.000} (÷ Read .p7m: {i.PerSecond / r.ReadP7m.PerSecond:0.000}) | – |";
    }

    private static InvoicePhase Cpu(string name, Sample[] files, int workers, int? postmaster, Func<Sample, bool> work)
    {
        var failures = 0;
        var latency = new Latencies();
        var before = CpuMeter.Sample(postmaster);
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = workers }, s =>
        {
            var start = Stopwatch.GetTimestamp();
            if (!work(s)) Interlocked.Increment(ref failures);
            latency.Add(start);
        });
        clock.Stop();
        return new InvoicePhase(name, files.Length, clock.Elapsed, CpuMeter.Sample(postmaster) - before, latency, failures);
    }

    private static async Task<InvoicePhase> IngestAsync(string name, Sample[] files, int workers, int? postmaster, Func<Sample, Task<bool>> work)
    {
        var failures = 0;
        var next = -1;
        var latency = new Latencies();
        var before = CpuMeter.Sample(postmaster);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n < files.Length; n = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                if (!await work(files[n])) Interlocked.Increment(ref failures);
                latency.Add(start);
            }
        })));
        clock.Stop();
        return new InvoicePhase(name, files.Length, clock.Elapsed, CpuMeter.Sample(postmaster) - before, latency, failures);
    }

    /// <summary>The seeded placeholder routes are written by a hosted service at start: wait for ours.</summary>
    public static async Task WaitForRoutesAsync(BenchHost host, string[] codes)
    {
        var wait = Stopwatch.StartNew();
        while (true)
        {
            await using var query = host.Store.QuerySession();
            var found = await query.LoadManyAsync<InvoiceRoute>(codes);
            if (found.Count == codes.Length) return;
            if (wait.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException($"the placeholder routes {string.Join(", ", codes)} were not seeded");
            await Task.Delay(200);
        }
    }

    /// <summary>Lets Wolverine finish what the warm-up's cases asked for, so the measured ingest starts on a quiet host.</summary>
    private static async Task WaitForQuietAsync(BenchHost host, TimeSpan? atMost = null)
    {
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < (atMost ?? TimeSpan.FromSeconds(60)) && await host.PendingMessagesAsync() > 0) await Task.Delay(100);
    }

    /// <summary>The XSDs Sys2.Invoices ships (embedded), compiled the way it compiles them: XML-DSig first, no resolver.</summary>
    private static XmlSchemaSet FatturaSchemas()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in new[] { "xmldsig-core.xsd", "FatturaPA_v1.2.2.xsd" })
        {
            using var stream = typeof(InvoiceFiles).Assembly.GetManifestResourceStream($"Sys2.Invoices.Schemas.{file}")
                ?? throw new InvalidOperationException($"schema {file} is not embedded in Sys2.Invoices");
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        return set;
    }
}
