using System.Globalization;

namespace Sys2.Bench;

/// <summary>Sizes of one run. Defaults fit about five minutes on a 2-core machine; <c>--quick</c> is a smoke run.</summary>
public sealed record BenchOptions
{
    public int Cases { get; init; } = 400;
    public int OpenCases { get; init; } = 10_000;
    public int Concurrency { get; init; } = 8;
    public int MaxInFlight { get; init; } = 200;
    public int AggregateEvents { get; init; } = 1000;
    public int FoldRuns { get; init; } = 100;
    public int WarmupBatch { get; init; } = 100;
    public int WarmupMaxBatches { get; init; } = 8;
    public int ProfileCases { get; init; } = 100;
    public TimeSpan BaselineDuration { get; init; } = TimeSpan.FromSeconds(10);
    public string Database { get; init; } = "bench_sys2";
    public string? Output { get; init; }
    public bool Quick { get; init; }
    /// <summary>Signed FatturaPA files for the invoice-ingest figure (issue 11); 0 leaves it out.</summary>
    public int Invoices { get; init; }
    public int InvoiceWorkers { get; init; } = 8;
    public double YearScale { get; init; } = 0.02;
    /// <summary>"invoices": only the invoice-ingest figure, not the engine run.</summary>
    public string? Only { get; init; }
    public int StartupRuns { get; init; } = 5;
    public IReadOnlyList<StartupMeasure.Variant> StartupHosts { get; init; } = [];
    public bool StartupDefaults { get; init; } = true;
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public const string Usage = """
        Sys2 benchmark: engine steps/s against raw Marten appends, latency, aggregation, projection rebuild, memory.

        dotnet run -c Release --project tests/Sys2.Bench -- [options]
          --quick                 smoke run (~1 min): --cases 60 --open-cases 300 --aggregate-events 200 --fold-runs 50
                                  --warmup-batch 20 --warmup-max 3 --profile-cases 20 --baseline-seconds 3
          --cases N               cases driven to closure in the engine mix (default 400)
          --open-cases N          open cases in the database for the memory figure (default 10000; the extra ones are SCIAs left at their first task)
          --concurrency N         workers for the engine mix and the raw appends (default 8)
          --max-in-flight N       cases open at once in the mix (default 200)
          --aggregate-events N    events of the case used for the fetch+fold figure (default 1000)
          --fold-runs N           fetch+fold repetitions (default 100)
          --warmup-batch N        cases per warm-up batch (default 100); warm-up stops when two batches' host CPU per step agree within 10%
          --warmup-max N          at most N warm-up batches (default 8)
          --profile-cases N       cases of the mix run again with pg_stat_statements tracking (default 100; 0: no SQL profile)
          --baseline-seconds N    run time of each plain-Marten and pgbench baseline (default 10)
          --database NAME         database created (dropped first) on the server (default bench_sys2; raw appends use NAME_raw)
          --invoices N            also measure e-invoice ingest (issue 11) on N signed files (default 0: not measured;
                                  with --only invoices: 2000)
          --invoice-workers N     concurrent ingest workers (default 8)
          --only invoices         only the invoice-ingest figure (≈ 1–2 min), none of the engine figures
          --only year             only the simulated year (issue 11): 100,000 e-invoices and 10,000 SUAP/SUE cases for
                                  the 64 entities over 365 days of the bench clock, times --year-scale
          --only mix              only the warm-up and the measured engine mix: steps/s, host and PostgreSQL CPU per step (the
                                  figure to compare code changes by; no baselines, no SQL profile)
          --only startup          only the product's start-up: src/Sys2.Host's build and its ReadyToRun publish (made when
                                  missing), each started 5 times as a child process, taking turns: time to the first
                                  answered request, to ready, RSS at ready and 20 s after
          --startup-runs N        counted starts of each variant (default 5)
          --startup-host NAME=PATH[;KEY=VALUE...]
                                  one more variant: another Sys2.Host.dll (e.g. an older build) and/or environment
                                  (e.g. "wks=r2r;DOTNET_gcServer=0"; PATH build or r2r names the default ones)
          --startup-given-only    only the --startup-host variants, not the two default ones: variants of one build
                                  then share the definitions' stamp, so no start publishes them again
          --year-scale X          fraction of the simulated year's volumes (default 0.02; 1 = the whole year, hours here)
          --output FILE           also write the Markdown report to FILE
        The server: ConnectionStrings__Sys2 / SYS2_CONNECTION, else the private cluster (SYS2_POSTGRES_DIR to move it).
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        if (args.Contains("--quick"))
            o = o with
            {
                Quick = true, Cases = 60, OpenCases = 300, AggregateEvents = 200, FoldRuns = 50,
                WarmupBatch = 20, WarmupMaxBatches = 3, ProfileCases = 20, BaselineDuration = TimeSpan.FromSeconds(3),
            };
        for (var i = 0; i < args.Length; i++)
        {
            int Int() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--quick": break;
                case "--cases": o = o with { Cases = Int() }; break;
                case "--open-cases": o = o with { OpenCases = Int() }; break;
                case "--concurrency": o = o with { Concurrency = Int() }; break;
                case "--max-in-flight": o = o with { MaxInFlight = Int() }; break;
                case "--aggregate-events": o = o with { AggregateEvents = Int() }; break;
                case "--fold-runs": o = o with { FoldRuns = Int() }; break;
                case "--warmup-batch": o = o with { WarmupBatch = Int() }; break;
                case "--warmup-max": o = o with { WarmupMaxBatches = Int() }; break;
                case "--profile-cases": o = o with { ProfileCases = Int() }; break;
                case "--baseline-seconds": o = o with { BaselineDuration = TimeSpan.FromSeconds(Int()) }; break;
                case "--database": o = o with { Database = args[++i] }; break;
                case "--output": o = o with { Output = args[++i] }; break;
                case "--invoices": o = o with { Invoices = Int() }; break;
                case "--year-scale": o = o with { YearScale = double.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--invoice-workers": o = o with { InvoiceWorkers = Int() }; break;
                case "--startup-runs": o = o with { StartupRuns = Int() }; break;
                case "--startup-given-only": o = o with { StartupDefaults = false }; break;
                case "--startup-host": o = o with { StartupHosts = [.. o.StartupHosts, StartupMeasure.Variant.Parse(args[++i])] }; break;
                case "--only":
                    o = o with { Only = args[++i] };
                    if (o.Only is not ("invoices" or "year" or "startup" or "mix")) throw new ArgumentException($"--only takes 'invoices', 'year', 'startup' or 'mix', not '{o.Only}'");
                    break;
                case "-h" or "--help": return null;
                default: throw new ArgumentException($"unknown option '{args[i]}'\n\n{Usage}");
            }
        }
        if (o.Only == "invoices" && o.Invoices == 0) o = o with { Invoices = 2000 };
        return o;
    }
}
