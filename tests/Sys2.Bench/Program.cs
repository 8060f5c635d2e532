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
NpgsqlCommands.Start();
var server = await BenchDatabases.ServerAsync();
var (profileServer, sqlUnavailable) = options.ProfileCases > 0 ? await SqlProfile.EnableAsync(server) : (server, "not requested (--profile-cases 0)");
server = profileServer;
Log(sqlUnavailable is null ? "pg_stat_statements: loaded, tracking off until the SQL profile" : $"pg_stat_statements: {sqlUnavailable}");
var engineDb = await BenchDatabases.CreateAsync(server, options.Database);
var rawDb = await BenchDatabases.CreateAsync(server, options.Database + "_raw");
if (sqlUnavailable is null) await SqlProfile.InstallAsync(engineDb);
var machine = await Machine.DescribeAsync(engineDb);
foreach (var (k, v) in machine) Log($"{k}: {v}");

var postmaster = await CpuMeter.PostmasterAsync(engineDb);

// The report of an --only run: its title, the machine, the load at the end, the table of its rows.
StringBuilder OnlyReport(string title, IEnumerable<string> rows)
{
    var report = new StringBuilder();
    report.AppendLine($"### Sys2 benchmark, {title} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    report.AppendLine();
    report.AppendLine("| Machine | |");
    report.AppendLine("|---|---|");
    foreach (var (k, v) in machine) report.AppendLine($"| {k} | {v} |");
    report.AppendLine();
    report.AppendLine($"Load average (1/5/15 min) at the end: {CpuMeter.DescribeLoad(CpuMeter.Sample(null).LoadAverage)} on {Environment.ProcessorCount} cores; whole run {total.Elapsed.TotalSeconds:0} s.");
    report.AppendLine();
    report.AppendLine("| # | Measure | Result | Target |");
    report.AppendLine("|---|---|---|---|");
    foreach (var row in rows) report.AppendLine(row);
    return report;
}

async Task<int> PrintAsync(StringBuilder report, int exitCode)
{
    Console.WriteLine(report.ToString());
    if (options.Output is { } output) await File.WriteAllTextAsync(output, report.ToString());
    Log("done");
    return exitCode;
}

if (options.Only == "startup")
{
    var idle = TimeSpan.FromSeconds(20);
    Log($"startup: load average {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
    var measured = await StartupMeasure.RunAsync(engineDb, [.. options.StartupDefaults ? StartupMeasure.Defaults() : [], .. options.StartupHosts], options.StartupRuns, idle, Log);
    Log($"startup: load average {File.ReadAllText("/proc/loadavg").Trim()}");
    return await PrintAsync(OnlyReport("product start-up", StartupMeasure.Rows(measured, idle)), 0);
}
await using var host = await BenchHost.StartAsync(engineDb);
if (options.Only == "invoices")
{
    Log("host started; only the invoice-ingest figure (--only invoices)");
    var alone = await InvoiceBench.RunAsync(host, postmaster, options.Invoices, options.InvoiceWorkers, sqlUnavailable is null ? engineDb : null, Log);
    var only = OnlyReport("invoice ingest only", InvoiceBench.Rows(alone));
    if (alone.Sql is { } invoiceSql)
    {
        only.AppendLine();
        only.AppendLine($"Top statements of the profiled ingest by total execution time ({alone.Profiled} invoices, all statements {invoiceSql.TotalMs:N0} ms top-level):");
        only.AppendLine();
        only.AppendLine("| Calls per invoice | Total ms | Mean ms | Rows per call | Level | Statement |");
        only.AppendLine("|---|---|---|---|---|---|");
        foreach (var s in invoiceSql.Top)
            only.AppendLine($"| {Per(s.Calls, alone.Profiled)} | {s.TotalMs:N0} | {s.TotalMs / s.Calls:0.000} | {(double)s.Rows / s.Calls:0.0} | {(s.TopLevel ? "top" : "nested")} | `{Shorten(s.Query)}` |");
    }
    return await PrintAsync(only, alone.Ingest.Failures == 0 ? 0 : 1);
}
if (options.Only == "year")
{
    Log("host started; only the simulated year (--only year)");
    var year = await YearSimulation.RunAsync(host, new EngineDriver(host, options), postmaster, options.YearScale, Log);
    return await PrintAsync(OnlyReport("simulated year", YearSimulation.Rows(year)), year.IngestFailures == 0 && year.StillOpen == 0 ? 0 : 1);
}
var driver = new EngineDriver(host, options);
Log($"host started; warming up in batches of {options.WarmupBatch} cases (not measured)");
var warmUp = await WarmUp.RunAsync(driver, options, Log);
await driver.QuiesceAsync();
var memoryIdle = Memory.Measure();
Log($"memory of the started host, idle after the warm-up: {memoryIdle}");

// 2. Engine steps/s ------------------------------------------------------------------------
var mixDriver = new EngineDriver(host, options);
// The JIT's running count, so a DOTNET_JitStdOutFile listing can be cut where the mix starts.
Log($"engine mix: {options.Cases} cases, {options.Concurrency} workers; {JitInfo.GetCompiledMethodCount():N0} methods compiled so far");
var callsBefore = host.Activities.Calls;
var (jitBefore, methodsBefore) = (CpuMeter.JitThread(), JitInfo.GetCompiledMethodCount());
var cpuBefore = CpuMeter.Sample(postmaster);
var commandsBefore = NpgsqlCommands.Count;
// --only mix: the database's transactions per step too, read once idle backends have reported them.
long? transactionsBefore = null;
if (options.Only == "mix")
{
    await Task.Delay(SqlProfile.StatsFlush);
    transactionsBefore = await SqlProfile.TransactionsAsync(engineDb);
    commandsBefore = NpgsqlCommands.Count;
    (jitBefore, methodsBefore) = (CpuMeter.JitThread(), JitInfo.GetCompiledMethodCount());
    cpuBefore = CpuMeter.Sample(postmaster);
}
var mix = await mixDriver.RunMixAsync(options.Cases, offset: 0);
var mixCpu = CpuMeter.Sample(postmaster) - cpuBefore;
var mixCommands = NpgsqlCommands.Count - commandsBefore;
var (mixJit, mixMethods) = (CpuMeter.JitThread() - jitBefore, JitInfo.GetCompiledMethodCount() - methodsBefore);
var mixCalls = host.Activities.Calls - callsBefore;
Log($"engine mix: {mix.Steps} steps, {mix.Events} events in {mix.Elapsed.TotalSeconds:0.0} s = {mix.StepsPerSecond:0} steps/s, {mix.EventsPerSecond:0} events/s; refused {mix.Refused}, conflicts {mix.Conflicts}, unfinished {mix.Unfinished}");
Log($"engine mix: host CPU per step {Ms(mixCpu.Host, mix.Steps)} (JIT thread {mixJit.TotalMilliseconds:0} ms, {mixMethods} methods compiled), PostgreSQL CPU per step {Ms(mixCpu.Postgres, mix.Steps)}");
await mixDriver.QuiesceAsync();
if (options.Only == "mix")
{
    await Task.Delay(SqlProfile.StatsFlush);
    var mixTransactions = await SqlProfile.TransactionsAsync(engineDb) - transactionsBefore!.Value;
    return await PrintAsync(OnlyReport("engine mix only", [
        $"| 2 | Engine mix: {mix.Cases:N0} cases to closure, {options.Concurrency} workers + Wolverine | {mix.StepsPerSecond:N0} steps/s ({mix.Steps:N0} steps, {mix.Events:N0} events, {mix.Elapsed.TotalSeconds:0.0} s) | – |",
        $"| 1–2 | host CPU per step | **{Ms(mixCpu.Host, mix.Steps)}** (the tiered-compilation thread {mixJit / mixCpu.Host:0%} of it, {mixMethods:N0} methods compiled during the mix) | ≤ 1.2 ms {Mark(mixCpu.Host.TotalMilliseconds / mix.Steps <= 1.2)} |",
        $"| 1–2 | PostgreSQL CPU per step | **{Ms(mixCpu.Postgres, mix.Steps)}** | ≤ 2.0 ms {Mark(mixCpu.Postgres.TotalMilliseconds / mix.Steps <= 2.0)} |",
        $"| 2 | Npgsql commands/batches per step (without COMMIT/ROLLBACK); transactions per step (pg_stat_database, after the mix quiesced) | {Per(mixCommands, mix.Steps)}; {Per(mixTransactions, mix.Steps)} | – |",
        $"| 2 | Mix health | refused {mix.Refused}, conflicts retried {mix.Conflicts}, unfinished cases {mix.Unfinished} | 0 unfinished {Mark(mix.Unfinished == 0)} |",
        $"| – | Load average at the end of the mix | {CpuMeter.DescribeLoad(mixCpu.LoadAverage)} | – |",
    ]), mix.Unfinished == 0 ? 0 : 1);
}

// 1. Baselines: Marten as the product configures it, plain Marten, PostgreSQL alone -----------
Log($"raw appends: {mix.Events} events, one per commit, {options.Concurrency} workers, {options.Cases} streams");
var raw = await RawAppends.RunAsync(AppendBaseline.Product, rawDb, postmaster, mix.Events, Timeout.InfiniteTimeSpan, options.Cases, options.Concurrency);
Log($"raw appends: {raw.AppendsPerSecond:0}/s ({raw.Elapsed.TotalSeconds:0.0} s), {raw.Latency.Describe()}");
var plain = new List<RawResult>();
foreach (var baseline in new[] { AppendBaseline.PlainQuick, AppendBaseline.PlainRich })
{
    var result = await RawAppends.RunAsync(baseline, rawDb, postmaster, long.MaxValue, options.BaselineDuration, options.Cases, options.Concurrency);
    plain.Add(result);
    Log($"{baseline} appends: {result.AppendsPerSecond:0}/s ({result.Events} in {result.Elapsed.TotalSeconds:0.0} s), {result.Latency.Describe()}");
}
var (quick, rich) = (plain[0], plain[1]);
var productMode = ((StoreOptions)host.Store.Options).Events.AppendMode;
var serverVersion = await BenchDatabases.ScalarAsync<string>(rawDb, "show server_version");
var pgbenchPath = PgBench.Locate(serverVersion);
var pgbench = new List<PgBenchResult>();
foreach (var clients in pgbenchPath is null ? [] : new[] { 8, 16 })
{
    var result = await PgBench.RunAsync(pgbenchPath!, rawDb, postmaster, clients, options.BaselineDuration);
    pgbench.Add(result);
    Log($"pgbench {clients} clients: {result.Tps:0} tps, latency {result.LatencyMs:0.00} ms");
}
if (pgbenchPath is null) Log("pgbench: not found (PATH, /usr/lib/postgresql/<major>/bin); no PostgreSQL baseline");

// SQL per step: the mix once more, with pg_stat_statements tracking every statement ------------
SqlFigures? sql = null;
MixResult? profiled = null;
if (sqlUnavailable is null)
{
    Log($"SQL profile: {options.ProfileCases} cases with pg_stat_statements.track = all");
    var profileDriver = new EngineDriver(host, options);
    sql = await SqlProfile.MeasureAsync(engineDb, async () =>
    {
        profiled = await profileDriver.RunMixAsync(options.ProfileCases, offset: 4_000_000);
        await profileDriver.QuiesceAsync();
    });
    Log($"SQL profile: {profiled!.Steps} steps; per step {Per(sql.Statements, profiled.Steps)} statements ({Per(sql.TopLevel, profiled.Steps)} top-level), {Per(sql.RoundTrips, profiled.Steps)} round trips, {Per(sql.Transactions, profiled.Steps)} transactions");
}

// 4. Aggregation: fetch + fold one case of N events, then a command on it -----------------------
Log($"aggregation: building a case of {options.AggregateEvents} events");
host.Probe.Reset(drive: false);
var bigCase = await driver.OpenAsync(2_000_000);
var bigTenant = MartenTenantOf(2_000_000);
var isolated = new Latencies();
var allAttach = new Latencies();
long bigVersion = 0;
async Task<CommandOutcome> AttachAsync(int i)
{
    var outcome = await host.Cases.HandleAsync(new CaseCommand(Guid.NewGuid(), bigTenant, bigCase, bigVersion,
        new AttachDocument($"allegato-{i:0000}.pdf.p7m", EngineDriver.Sha($"allegato-{i}"), "application/pkcs7-mime", 10_000 + i, EngineDriver.SuapClerk),
        EngineDriver.SuapClerk));
    if (outcome.Status != CommandStatus.Accepted) throw new InvalidOperationException($"attach refused: {outcome.Status} {outcome.Error}");
    bigVersion = outcome.Version;
    return outcome;
}
{
    var wait = Stopwatch.StartNew();
    while (wait.Elapsed < TimeSpan.FromSeconds(60))
    {
        await using var session = host.Store.QuerySession(bigTenant);
        var events = await session.Events.FetchStreamAsync(bigCase);
        if (events.Any(e => e.Data is TaskAssigned or WaitStarted)) break;
        await Task.Delay(20);
    }
    await driver.QuiesceAsync();
    await using (var session = host.Store.QuerySession(bigTenant))
        bigVersion = (await session.Events.FetchStreamStateAsync(bigCase))!.Version;
    for (var i = 0; bigVersion < options.AggregateEvents; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await AttachAsync(i);
        (i < 100 ? isolated : allAttach).Add(start);
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

// What a command pays on that case: up to SaveChangesAsync (load + decide), and in all.
var loadDecide = new Latencies();
var wholeCommand = new Latencies();
for (var i = 0; i < options.FoldRuns + 5; i++)
{
    var saving = EngineProbe.WatchSave();
    var start = Stopwatch.GetTimestamp();
    await AttachAsync(100_000 + i);
    if (i < 5) continue; // warm-up
    wholeCommand.Add(start);
    if (saving.Value == 0) throw new InvalidOperationException("the probe never saw the command reach SaveChangesAsync");
    loadDecide.Add(Stopwatch.GetElapsedTime(start, saving.Value));
}
Log($"command on the {bigEvents}-event case: load + decide {loadDecide.Describe()}, whole command {wholeCommand.Describe()}");
// Of which the snapshot's load alone: the summary row read and deserialised, as the command's batch reads it.
var loadOnly = new Latencies();
for (var i = 0; i < options.FoldRuns + 5; i++)
{
    var start = Stopwatch.GetTimestamp();
    await using var session = host.Store.LightweightSession(bigTenant);
    var fetched = await session.Events.FetchForWriting<CaseSummary>(bigCase);
    if (fetched.Aggregate is null) throw new InvalidOperationException($"{bigCase} has no summary");
    if (i >= 5) loadOnly.Add(start);
}
Log($"command on the {bigEvents}-event case: of which the summary's load (FetchForWriting) {loadOnly.Describe()}");

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

// 7. E-invoice ingest (issue 11) ------------------------------------------------------------------
InvoiceBench.Result? invoices = null;
if (options.Invoices > 0)
{
    host.Probe.Reset(drive: false);
    invoices = await InvoiceBench.RunAsync(host, postmaster, options.Invoices, options.InvoiceWorkers, sqlUnavailable is null ? engineDb : null, Log);
}

// Report ------------------------------------------------------------------------------------------
var ratio = mix.StepsPerSecond / raw.AppendsPerSecond;
var hostPerStep = mixCpu.Host.TotalMilliseconds / mix.Steps;
var postgresPerStep = mixCpu.Postgres.TotalMilliseconds / mix.Steps;
var warmed = warmUp.Count == 0 ? "none" : $"{warmUp.Count} batch(es) of {options.WarmupBatch} cases, host CPU per step {string.Join(" → ", warmUp)}, " +
    (WarmUp.Steady(warmUp) ? $"steady (last two within {WarmUp.Tolerance:0%})" : $"**not steady** after the {options.WarmupMaxBatches}-batch bound");
var report = new StringBuilder();
report.AppendLine($"### Sys2 benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (quick smoke run: sizes too small for the targets)" : "")}");
report.AppendLine();
report.AppendLine("| Machine | |");
report.AppendLine("|---|---|");
foreach (var (k, v) in machine) report.AppendLine($"| {k} | {v} |");
report.AppendLine();
report.AppendLine($"Load average (1/5/15 min): at the end of the engine mix {CpuMeter.DescribeLoad(mixCpu.LoadAverage)}, at the end of the run {CpuMeter.DescribeLoad(CpuMeter.Sample(null).LoadAverage)} — " +
    $"on {Environment.ProcessorCount} cores; anything above what this run uses is other processes competing for them. The CPU-per-step rows count only our processes' CPU time.");
report.AppendLine();
report.AppendLine($"Sizes: {options.Cases:N0} cases in the mix, {options.Concurrency} workers (at most {options.MaxInFlight} cases in flight), " +
    $"{options.AggregateEvents:N0}-event case, {options.FoldRuns} fold runs, {options.OpenCases:N0} open cases, baselines {options.BaselineDuration.TotalSeconds:0} s each; whole run {total.Elapsed.TotalSeconds:0} s.");
report.AppendLine();
report.AppendLine($"Warm-up before the measured mix: {warmed}.");
report.AppendLine();
report.AppendLine("| # | Measure | Result | Target |");
report.AppendLine("|---|---|---|---|");
report.AppendLine($"| 1 | Raw Marten appends (`MartenSetup`: inline CaseSummary projection), 1 event/commit, {options.Concurrency} workers, {raw.Events:N0} events on {raw.Streams:N0} streams | **{raw.AppendsPerSecond:N0} appends/s** ({raw.Latency.Describe()}) | – |");
report.AppendLine($"| 1a | Plain Marten appends, no projection, `EventAppendMode.Quick`, same workers and streams (the product's mode: `{productMode}`), {options.BaselineDuration.TotalSeconds:0} s | {quick.AppendsPerSecond:N0} appends/s ({quick.Latency.Describe()}) | – |");
report.AppendLine($"| 1b | Same, `EventAppendMode.Rich` | {rich.AppendsPerSecond:N0} appends/s ({rich.Latency.Describe()}) | – |");
foreach (var p in pgbench)
    report.AppendLine($"| 1c | PostgreSQL alone: pgbench one-row INSERT commits, {p.Clients} clients, 2 threads, {options.BaselineDuration.TotalSeconds:0} s | {p.Tps:N0} tps (latency average {p.LatencyMs:0.00} ms) | – |");
if (pgbench.Count > 0)
    report.AppendLine($"| 1 | Marten against PostgreSQL: plain quick appends/s ÷ pgbench tps, 8 clients | {quick.AppendsPerSecond / pgbench[0].Tps:0.00} (raw: {raw.AppendsPerSecond / pgbench[0].Tps:0.00}; against 16 clients {quick.AppendsPerSecond / pgbench[^1].Tps:0.00}) | – |");
report.AppendLine($"| 2 | Engine mix: {mix.Cases:N0} cases (SCIA/ordinario/CILA) to closure, {options.Concurrency} workers + Wolverine | **{mix.StepsPerSecond:N0} steps/s**, {mix.EventsPerSecond:N0} events/s ({mix.Steps:N0} steps, {mix.Events:N0} events, {(double)mix.Events / mix.Steps:0.0} events/step, {mix.Elapsed.TotalSeconds:0.0} s; {(mixCpu.Host + mixCpu.Postgres).TotalSeconds / mix.Elapsed.TotalSeconds:0.00} of {Environment.ProcessorCount} cores busy with it) | – |");
report.AppendLine($"| 2 | **Ratio engine steps/s ÷ raw appends/s** | **{ratio:0.00}** (÷ plain quick appends/s: {mix.StepsPerSecond / quick.AppendsPerSecond:0.00}) | ≥ 0.6 {Mark(ratio >= 0.6)} |");
report.AppendLine($"| 1–2 | host CPU per step | engine **{hostPerStep:0.00} ms** (the tiered-compilation thread {mixJit / mixCpu.Host:0%} of it, {mixMethods:N0} methods compiled during the mix); per commit: raw {Ms(raw.Cpu.Host, raw.Events)}, plain quick {Ms(quick.Cpu.Host, quick.Events)}, plain rich {Ms(rich.Cpu.Host, rich.Events)}{string.Concat(pgbench.Select(p => $", pgbench {p.Clients} clients {Ms(p.Cpu.Children, p.Transactions)}"))} | ≤ 1.2 ms {Mark(hostPerStep <= 1.2)} |");
report.AppendLine($"| 1–2 | PostgreSQL CPU per step | engine **{postgresPerStep:0.00} ms**; per commit: raw {Ms(raw.Cpu.Postgres, raw.Events)}, plain quick {Ms(quick.Cpu.Postgres, quick.Events)}, plain rich {Ms(rich.Cpu.Postgres, rich.Events)}{string.Concat(pgbench.Select(p => $", pgbench {p.Clients} clients {Ms(p.Cpu.Postgres, p.Transactions)}"))} | ≤ 2.0 ms {Mark(postgresPerStep <= 2.0)} |");
report.AppendLine($"| 2 | Of which Wolverine-carried integration answers | {mixCalls:N0} calls ({100.0 * mixCalls / mix.Steps:0}% of the steps): each is an outbox row + a durable incoming envelope + its own step | – |");
report.AppendLine($"| 2 | Mix health | refused {mix.Refused}, conflicts retried {mix.Conflicts}, unfinished cases {mix.Unfinished} | 0 unfinished {Mark(mix.Unfinished == 0)} |");
if (sql is not null && profiled is not null)
{
    var steps = profiled.Steps;
    report.AppendLine($"| 2 | SQL per step (pg_stat_statements, the mix again on {profiled.Cases:N0} cases, {steps:N0} steps, track = all) | {Per(sql.Statements, steps)} statements ({Per(sql.TopLevel, steps)} top-level), {Per(sql.RoundTrips, steps)} round trips ({Per(sql.NpgsqlCommands, steps)} Npgsql commands/batches + {Per(sql.Commits + sql.Rollbacks, steps)} COMMIT/ROLLBACK), {Per(sql.Transactions, steps)} transactions, {Per(sql.Discards, steps)} `DISCARD ALL`; top-level execution {sql.TotalMs / steps:0.00} ms per step | – |");
}
else report.AppendLine($"| 2 | SQL per step | not measured: pg_stat_statements {sqlUnavailable} | – |");
report.AppendLine($"| 3 | Step latency under the mix: clerk CompleteTask (HandleAsync) | {mixDriver.Clerk.Describe()} | – |");
report.AppendLine($"| 3 | Step latency under the mix: HandleSystemAsync (payment/documents received, timers) | {mixDriver.System.Describe()} | – |");
report.AppendLine($"| 3 | Step latency under the mix: OpenAsync | {mixDriver.Opens.Describe()} | – |");
report.AppendLine($"| 3 | Step latency alone (1 worker, idle host): AttachDocument on a 10–110-event case | {isolated.Describe()} | – |");
report.AppendLine($"| 3 | Same, as the case grows from 110 to {options.AggregateEvents:N0} events | {allAttach.Describe()} | – |");
report.AppendLine($"| 4 | Fetch + fold (CaseEvolution.Replay) of one {bigEvents:N0}-event case | **p50 {fetchFold.Percentile(50):0.00} ms** (p99 {fetchFold.Percentile(99):0.00} ms; fold alone p50 {foldOnly.Percentile(50):0.00} ms; n={fetchFold.Count}) | < 10 ms {Mark(fetchFold.Percentile(50) < 10)} |");
report.AppendLine($"| 4 | A command on the {bigEvents:N0}-event case: load + decide (AttachDocument through `CaseService.HandleAsync`, alone, until it calls SaveChangesAsync) | **p50 {loadDecide.Percentile(50):0.00} ms** (p99 {loadDecide.Percentile(99):0.00} ms; of which the summary's load alone p50 {loadOnly.Percentile(50):0.00} ms; the whole command with its append p50 {wholeCommand.Percentile(50):0.00} ms; n={loadDecide.Count}) | < 3 ms {Mark(loadDecide.Percentile(50) < 3)} |");
report.AppendLine($"| 5 | Rebuild CaseSummary (ViewRebuild.RunAsync) over {totalEvents:N0} events | {rebuild.TotalSeconds:0.00} s = **{rebuild.TotalSeconds / totalEvents * 1_000_000:N0} s per million events** | – |");
report.AppendLine($"| 6 | Host RSS with {openCases:N0} open cases, after serving them (after full GC) | **{memoryServed.RssMb:N0} MB** (working set {memoryServed.WorkingSetMb:N0} MB, managed heap {memoryServed.ManagedMb:N0} MB) | < 400 MB {Mark(memoryServed.RssMb < 400)} |");
report.AppendLine($"| 6 | Same host, idle after start-up and the warm-up (no open cases to speak of) | {memoryIdle.RssMb:N0} MB (managed {memoryIdle.ManagedMb:N0} MB) | – |");
report.AppendLine($"| 6 | Same, after the projection rebuild | {memoryAfterRebuild.RssMb:N0} MB (managed {memoryAfterRebuild.ManagedMb:N0} MB) | – |");
report.AppendLine($"| – | Opening {fill.Cases:N0} SCIAs to their first task (open + 2 Wolverine answers each), {options.Concurrency} workers | {fill.StepsPerSecond:N0} steps/s ({fill.Steps:N0} steps, {fill.Elapsed.TotalSeconds:0.0} s) | – |");
foreach (var row in invoices is null ? [] : InvoiceBench.Rows(invoices)) report.AppendLine(row);
report.AppendLine();
report.AppendLine("A step = one accepted command or trigger that appended events: one decide + append transaction (OpenAsync, a clerk's HandleAsync, or HandleSystemAsync from Wolverine's integration answers and the driver's payment receipts, documents and timers), counted by a Marten session listener on every commit with events. " +
    "A baseline's step is one commit: one Marten append, or one pgbench INSERT (its host CPU is the pgbench process's).");
if (sql is not null && profiled is not null)
{
    report.AppendLine();
    report.AppendLine($"Top statements of the profiled mix by total execution time (all statements {sql.TotalMs:N0} ms top-level; nested ones, inside functions, are counted in their caller too; parse and plan time not included):");
    report.AppendLine();
    report.AppendLine("| Calls per step | Total ms | Mean ms | Rows per call | Level | Statement |");
    report.AppendLine("|---|---|---|---|---|---|");
    foreach (var s in sql.Top)
        report.AppendLine($"| {Per(s.Calls, profiled.Steps)} | {s.TotalMs:N0} | {s.TotalMs / s.Calls:0.000} | {(double)s.Rows / s.Calls:0.0} | {(s.TopLevel ? "top" : "nested")} | `{Shorten(s.Query)}` |");
}
Console.WriteLine(report.ToString());
if (options.Output is { } output) await File.WriteAllTextAsync(output, report.ToString());
Log("done");
return mix.Unfinished == 0 ? 0 : 1;

static string Per(long count, long steps) => steps == 0 ? "–" : $"{(double)count / steps:0.0}";

static string Shorten(string sql) => (sql.Length > 140 ? sql[..140] + "…" : sql).Replace("|", "\\|").Replace("`", "'");

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
