using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Marten;
using Sys2.Bench;
using Sys2.Host.Cases;
using Sys2.Host.Views;
using Sys2.Workflows.Cases.Events;
using Sys2.Workflows.Runtime;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchOptions options;
try
{
    if (BenchOptions.Parse(args) is not { } parsed) { Console.WriteLine(BenchOptions.Usage); return 0; }
    options = parsed;
}
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

var total = Stopwatch.StartNew();
void Log(string text) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {text}");

Log($"options: {options}");
var server = await BenchDatabases.ServerAsync();
var engineDb = await BenchDatabases.CreateAsync(server, options.Database);
var rawDb = await BenchDatabases.CreateAsync(server, options.Database + "_raw");
var machine = await Machine.DescribeAsync(engineDb);
foreach (var (k, v) in machine) Log($"{k}: {v}");

var postmaster = await CpuMeter.PostmasterAsync(engineDb);
await using var host = await BenchHost.StartAsync(engineDb);
var driver = new EngineDriver(host, options);
Log("host started; warming up (20 cases, not measured)");
await driver.RunMixAsync(Math.Min(20, options.Cases), offset: 1_000_000);
await driver.QuiesceAsync();
var memoryIdle = Memory.Measure();
Log($"memory of the started host, idle after the warm-up: {memoryIdle}");

// 2. Engine steps/s ------------------------------------------------------------------------
var mixDriver = new EngineDriver(host, options);
Log($"engine mix: {options.Cases} cases, {options.Concurrency} workers");
var callsBefore = host.Activities.Calls;
var cpuBefore = CpuMeter.Sample(postmaster);
var mix = await mixDriver.RunMixAsync(options.Cases, offset: 0);
var mixCpu = CpuMeter.Sample(postmaster) - cpuBefore;
var mixCalls = host.Activities.Calls - callsBefore;
Log($"engine mix: {mix.Steps} steps, {mix.Events} events in {mix.Elapsed.TotalSeconds:0.0} s = {mix.StepsPerSecond:0} steps/s, {mix.EventsPerSecond:0} events/s; refused {mix.Refused}, conflicts {mix.Conflicts}, unfinished {mix.Unfinished}");
await mixDriver.QuiesceAsync();

// 1. Raw Marten appends, the same number of events at the same concurrency ------------------
Log($"raw appends: {mix.Events} events, one per commit, {options.Concurrency} workers, {options.Cases} streams");
cpuBefore = CpuMeter.Sample(postmaster);
var raw = await RawAppends.RunAsync(rawDb, mix.Events, options.Cases, options.Concurrency);
var rawCpu = CpuMeter.Sample(postmaster) - cpuBefore;
Log($"raw appends: {raw.AppendsPerSecond:0}/s ({raw.Elapsed.TotalSeconds:0.0} s), {raw.Latency.Describe()}");

// 4. Aggregation: fetch + fold one case of N events ------------------------------------------
Log($"aggregation: building a case of {options.AggregateEvents} events");
host.Probe.Reset(drive: false);
var bigCase = await driver.OpenAsync(2_000_000);
var bigTenant = MartenTenantOf(2_000_000);
var isolated = new Latencies();
var allAttach = new Latencies();
{
    long version = 0;
    var wait = Stopwatch.StartNew();
    while (wait.Elapsed < TimeSpan.FromSeconds(60))
    {
        await using var session = host.Store.QuerySession(bigTenant);
        var events = await session.Events.FetchStreamAsync(bigCase);
        if (events.Any(e => e.Data is TaskAssigned or WaitStarted)) { version = events.Count; break; }
        await Task.Delay(20);
    }
    await driver.QuiesceAsync();
    await using (var session = host.Store.QuerySession(bigTenant))
        version = (await session.Events.FetchStreamStateAsync(bigCase))!.Version;
    for (var i = 0; version < options.AggregateEvents; i++)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), bigTenant, bigCase, version,
            new AttachDocument($"allegato-{i:0000}.pdf.p7m", EngineDriver.Sha($"allegato-{i}"), "application/pkcs7-mime", 10_000 + i, EngineDriver.SuapClerk),
            EngineDriver.SuapClerk));
        (i < 100 ? isolated : allAttach).Add(start);
        if (outcome.Status != CommandStatus.Accepted) throw new InvalidOperationException($"attach refused: {outcome.Status} {outcome.Error}");
        version = outcome.Version;
    }
}
var fetchFold = new Latencies();
var foldOnly = new Latencies();
long bigEvents = 0;
for (var run = 0; run < options.FoldRuns + 5; run++)
{
    var start = Stopwatch.GetTimestamp();
    await using var session = host.Store.QuerySession(bigTenant);
    var stream = await session.Events.FetchStreamAsync(bigCase);
    var foldStart = Stopwatch.GetTimestamp();
    var state = CaseEvolution.Replay(stream.Select(e => e.Data));
    if (run < 5) continue; // warm-up
    foldOnly.Add(foldStart);
    fetchFold.Add(start);
    bigEvents = state.Version;
}
Log($"aggregation: {bigEvents} events, fetch+fold {fetchFold.Describe()}, fold only {foldOnly.Describe()}");

// 6. Memory: open cases in the database, served by this host ----------------------------------
var openNow = await BenchDatabases.ScalarAsync<long>(engineDb, "select count(*) from sys2.mt_doc_casesummary where data->>'Status' = 'open'");
var toOpen = (int)Math.Max(0, options.OpenCases - openNow);
Log($"memory: {openNow} open cases; opening {toOpen} more (each runs to its first task or wait)");
var fillDriver = new EngineDriver(host, options);
var fill = await fillDriver.FillAsync(toOpen, offset: 3_000_000, only: "suap.scia");
var openCases = await BenchDatabases.ScalarAsync<long>(engineDb, "select count(*) from sys2.mt_doc_casesummary where data->>'Status' = 'open'");
Log($"memory: {openCases} open cases; fill {fill.Steps} steps in {fill.Elapsed.TotalSeconds:0.0} s = {fill.StepsPerSecond:0} steps/s, unfinished {fill.Unfinished}");
var memoryServed = Memory.Measure();
Log($"memory: {memoryServed}");

// 5. Projection rebuild ------------------------------------------------------------------------
var totalEvents = await BenchDatabases.ScalarAsync<long>(engineDb, "select count(*) from sys2.mt_events");
Log($"rebuild: CaseSummary over {totalEvents} events");
var rebuild = await ViewRebuild.RunAsync(host.Store);
Log($"rebuild: {rebuild.TotalSeconds:0.00} s = {rebuild.TotalSeconds / totalEvents * 1_000_000:0} s per million events");
var memoryAfterRebuild = Memory.Measure();
Log($"memory after rebuild: {memoryAfterRebuild}");

// Report ------------------------------------------------------------------------------------------
var ratio = mix.StepsPerSecond / raw.AppendsPerSecond;
var report = new StringBuilder();
report.AppendLine($"### Sys2 benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (quick smoke run: sizes too small for the targets)" : "")}");
report.AppendLine();
report.AppendLine("| Machine | |");
report.AppendLine("|---|---|");
foreach (var (k, v) in machine) report.AppendLine($"| {k} | {v} |");
report.AppendLine();
report.AppendLine($"Load average (1/5/15 min) at the end of the run: {string.Join(" ", CpuMeter.Sample(null).LoadAverage)} — the machine is shared; other processes compete for the same 2 cores.");
report.AppendLine();
report.AppendLine($"Sizes: {options.Cases:N0} cases in the mix, {options.Concurrency} workers (at most {options.MaxInFlight} cases in flight), " +
    $"{options.AggregateEvents:N0}-event case, {options.FoldRuns} fold runs, {options.OpenCases:N0} open cases; whole run {total.Elapsed.TotalSeconds:0} s.");
report.AppendLine();
report.AppendLine("| # | Measure | Result | Target |");
report.AppendLine("|---|---|---|---|");
report.AppendLine($"| 1 | Raw Marten appends, 1 event/commit, {options.Concurrency} workers, {raw.Events:N0} events on {raw.Streams:N0} streams | **{raw.AppendsPerSecond:N0} appends/s** ({raw.Latency.Describe()}) | – |");
report.AppendLine($"| 2 | Engine mix: {mix.Cases:N0} cases (SCIA/ordinario/CILA) to closure, {options.Concurrency} workers + Wolverine | **{mix.StepsPerSecond:N0} steps/s**, {mix.EventsPerSecond:N0} events/s ({mix.Steps:N0} steps, {mix.Events:N0} events, {(double)mix.Events / mix.Steps:0.0} events/step, {mix.Elapsed.TotalSeconds:0.0} s) | ≥ 1,500 steps/s {Mark(mix.StepsPerSecond >= 1500)} |");
report.AppendLine($"| 2 | Ratio engine steps/s ÷ raw appends/s | **{ratio:0.00}** | ≥ 0.5 {Mark(ratio >= 0.5)} |");
report.AppendLine($"| 1–2 | CPU per commit (this process / PostgreSQL): raw append vs engine step | raw {Ms(rawCpu.Host, raw.Events)} / {Ms(rawCpu.Postgres, raw.Events)}; engine {Ms(mixCpu.Host, mix.Steps)} / {Ms(mixCpu.Postgres, mix.Steps)} ({(mixCpu.Host + mixCpu.Postgres).TotalSeconds / mix.Elapsed.TotalSeconds:0.00} of {Environment.ProcessorCount} cores busy with the engine; load average at the end {string.Join(" ", mixCpu.LoadAverage)}) | – |");
report.AppendLine($"| 2 | Of which Wolverine-carried integration answers | {mixCalls:N0} calls ({100.0 * mixCalls / mix.Steps:0}% of the steps): each is an outbox row + a durable incoming envelope + its own step | – |");
report.AppendLine($"| 2 | Mix health | refused {mix.Refused}, conflicts retried {mix.Conflicts}, unfinished cases {mix.Unfinished} | 0 unfinished {Mark(mix.Unfinished == 0)} |");
report.AppendLine($"| 3 | Step latency under the mix: clerk CompleteTask (HandleAsync) | {mixDriver.Clerk.Describe()} | – |");
report.AppendLine($"| 3 | Step latency under the mix: HandleSystemAsync (payment/documents received, timers) | {mixDriver.System.Describe()} | – |");
report.AppendLine($"| 3 | Step latency under the mix: OpenAsync | {mixDriver.Opens.Describe()} | – |");
report.AppendLine($"| 3 | Step latency alone (1 worker, idle host): AttachDocument on a 10–110-event case | {isolated.Describe()} | – |");
report.AppendLine($"| 3 | Same, as the case grows from 110 to {options.AggregateEvents:N0} events (fold per command) | {allAttach.Describe()} | – |");
report.AppendLine($"| 4 | Fetch + fold (CaseEvolution.Replay) of one {bigEvents:N0}-event case | **p50 {fetchFold.Percentile(50):0.00} ms** (p99 {fetchFold.Percentile(99):0.00} ms; fold alone p50 {foldOnly.Percentile(50):0.00} ms; n={fetchFold.Count}) | < 10 ms {Mark(fetchFold.Percentile(50) < 10)} |");
report.AppendLine($"| 5 | Rebuild CaseSummary (ViewRebuild.RunAsync) over {totalEvents:N0} events | {rebuild.TotalSeconds:0.00} s = **{rebuild.TotalSeconds / totalEvents * 1_000_000:N0} s per million events** | – |");
report.AppendLine($"| 6 | Host RSS with {openCases:N0} open cases, after serving them (after full GC) | **{memoryServed.RssMb:N0} MB** (working set {memoryServed.WorkingSetMb:N0} MB, managed heap {memoryServed.ManagedMb:N0} MB) | < 400 MB {Mark(memoryServed.RssMb < 400)} |");
report.AppendLine($"| 6 | Same host, idle after start-up and a 20-case warm-up (no open cases to speak of) | {memoryIdle.RssMb:N0} MB (managed {memoryIdle.ManagedMb:N0} MB) | – |");
report.AppendLine($"| 6 | Same, after the projection rebuild | {memoryAfterRebuild.RssMb:N0} MB (managed {memoryAfterRebuild.ManagedMb:N0} MB) | – |");
report.AppendLine($"| – | Opening {fill.Cases:N0} SCIAs to their first task (open + 2 Wolverine answers each), {options.Concurrency} workers | {fill.StepsPerSecond:N0} steps/s ({fill.Steps:N0} steps, {fill.Elapsed.TotalSeconds:0.0} s) | – |");
report.AppendLine();
report.AppendLine("A step = one accepted command or trigger that appended events: one decide + append transaction (OpenAsync, a clerk's HandleAsync, or HandleSystemAsync from Wolverine's integration answers and the driver's payment receipts, documents and timers), counted by a Marten session listener on every commit with events.");
Console.WriteLine(report.ToString());
if (options.Output is { } output) await File.WriteAllTextAsync(output, report.ToString());
Log("done");
return mix.Unfinished == 0 ? 0 : 1;

static string Ms(TimeSpan cpu, long commits) => commits == 0 ? "–" : $"{cpu.TotalMilliseconds / commits:0.00} ms";

static string Mark(bool ok) => ok ? "✅" : "❌";

static string MartenTenantOf(int n) => Sys2.Host.Storage.MartenSetup.Tenants[n % Sys2.Host.Storage.MartenSetup.Tenants.Count];

/// <summary>Process memory after a full, compacting collection.</summary>
sealed record Memory(double RssMb, double WorkingSetMb, double ManagedMb)
{
    public static Memory Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        var vmRss = status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
            : double.NaN;
        using var process = Process.GetCurrentProcess();
        return new Memory(vmRss, process.WorkingSet64 / 1024.0 / 1024, GC.GetTotalMemory(false) / 1024.0 / 1024);
    }

    public override string ToString() => $"VmRSS {RssMb:0} MB, working set {WorkingSetMb:0} MB, managed {ManagedMb:0} MB";
}
