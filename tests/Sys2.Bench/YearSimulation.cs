using System.Diagnostics;
using System.Globalization;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sys2.Host.Invoices;
using Sys2.Sandbox.IntermediaMarche;
using Sys2.Workflows.Tenants;

namespace Sys2.Bench;

/// <summary>
/// Issue 11's simulated year: the 64 entities' e-invoices and their SUAP/SUE cases, day by day on the
/// benchmark's clock. Each day the clock moves on by one day; that day's signed invoices arrive through
/// <see cref="InvoiceIngest"/> (one per file, to all 64 entities' office codes) and that day's SUAP/SUE cases
/// are opened; clerks (the <see cref="EngineDriver"/>) then work every task and wait the day produced until
/// the host is quiet. Invoices: 85% accepted (EC01), 5% rejected (EC02), 10% left to decorrenza termini
/// (the 15-day clock run out); SdI's answer to an outcome is not simulated (its wait runs out). As in the
/// engine mix, the driver fires a clock that runs out at once rather than waiting for its day, so a case's
/// whole life falls within the day it arrived; the clock moving a day at a time spreads case numbers,
/// dates and payments over the year.
/// </summary>
public static class YearSimulation
{
    /// <summary>E-invoices a year for the 64 entities (issue 11).</summary>
    public const int InvoicesPerYear = 100_000;

    /// <summary>
    /// SUAP/SUE cases a year for the 64 entities: an assumption (the seed gives no volumes), about one
    /// case per 23 inhabitants of the aggregation's ≈ 230,000 a year.
    /// </summary>
    public const int CasesPerYear = 10_000;

    public sealed record Result(double Scale, int Days, int Invoices, int Cases, TimeSpan Elapsed, TimeSpan Generation, long Steps, long Events,
        int IngestFailures, long Refused, IReadOnlyDictionary<string, int> Closures, IReadOnlyDictionary<string, int> Expiries, CpuSample Cpu, long StillOpen);

    public static async Task<Result> RunAsync(BenchHost host, EngineDriver driver, int? postmaster, double scale, Action<string> log)
    {
        var invoices = (int)Math.Round(InvoicesPerYear * scale);
        var cases = (int)Math.Round(CasesPerYear * scale);
        var codes = EntityCatalogue.Load().All.Select(InvoiceRoute.PlaceholderCodeOf).ToArray();
        await InvoiceBench.WaitForRoutesAsync(host, codes);
        var ingest = host.Services.GetRequiredService<InvoiceIngest>();
        var random = new Random(2026);
        const int days = 365;
        log($"year: {invoices:N0} invoices and {cases:N0} SUAP/SUE cases over {days} days for {codes.Length} entities (scale {scale:0.###} of {InvoicesPerYear:N0} + {CasesPerYear:N0})");

        var (steps, events, refused) = (host.Probe.Steps, host.Probe.Events, driver.Refused);
        var ingestFailures = 0;
        var generation = TimeSpan.Zero;
        var before = CpuMeter.Sample(postmaster);
        var wall = Stopwatch.StartNew();
        for (var day = 0; day < days; day++)
        {
            if (day > 0) host.Clock.Advance(TimeSpan.FromDays(1));
            var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
            var invoicesToday = Before(invoices, day + 1, days) - Before(invoices, day, days);
            var casesToday = Before(cases, day + 1, days) - Before(cases, day, days);

            // The files are generated and signed before the day starts: the sandbox's work, not the product's.
            var generating = Stopwatch.StartNew();
            var files = Enumerable.Range(Before(invoices, day, days), invoicesToday).Select(i =>
            {
                var (name, xml, _) = SampleInvoices.Build(new SampleInvoiceRequest(codes[i % codes.Length]), random, $"Y{i:D6}", today);
                return (Name: name + ".p7m", Signed: SandboxSigner.Sign(xml, host.Clock.GetUtcNow()), SdiId: (800_000_000L + i).ToString(CultureInfo.InvariantCulture));
            }).ToArray();
            generating.Stop();
            generation += generating.Elapsed;

            var arrivals = new List<Func<Task>>();
            foreach (var file in files)
                arrivals.Add(async () =>
                {
                    var outcome = await ingest.ReceiveAsync(new InvoiceDelivery(InvoiceDelivery.IntermediaMarche, file.Name, file.Signed, host.Clock.GetUtcNow(), file.SdiId), CancellationToken.None);
                    if (outcome is not { File.Status: ReceivedFileStatus.Received, File.Invoices: [{ CaseId: not null }] })
                        Interlocked.Increment(ref ingestFailures);
                });
            var firstCase = Before(cases, day, days);
            for (var n = 0; n < casesToday; n++)
            {
                var number = 1_000_000 + firstCase + n;
                arrivals.Add(() => driver.OpenAsync(number));
            }
            // Arrivals interleave over the day rather than all invoices first.
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arrivals));
            await driver.DriveAsync(arrivals);
            if (day % 30 == 29 || day == days - 1)
                log($"year: day {day + 1} ({today:yyyy-MM-dd}), {wall.Elapsed.TotalSeconds:0} s so far, {host.Probe.Steps - steps:N0} steps");
        }
        wall.Stop();
        var cpu = CpuMeter.Sample(postmaster) - before;
        return new Result(scale, days, invoices, cases, wall.Elapsed, generation, host.Probe.Steps - steps, host.Probe.Events - events, ingestFailures,
            driver.Refused - refused, new SortedDictionary<string, int>(host.Probe.Closures), new SortedDictionary<string, int>(host.Probe.Expiries), cpu,
            invoices + cases - host.Probe.Closures.Values.Sum());
    }

    /// <summary>How many of <paramref name="total"/>, spread evenly over the days, arrive before day <paramref name="day"/>.</summary>
    private static int Before(int total, int day, int days) => (int)((long)total * day / days);

    public static IEnumerable<string> Rows(Result r)
    {
        // The CPU scales with the volumes; the wall time here does not (each simulated day also waits for the host
        // to be quiet, a fixed cost per day), so the full year is projected from the CPU both processes spent.
        var cpu = (r.Cpu.Host + r.Cpu.Postgres).TotalSeconds / r.Scale;
        var projected = TimeSpan.FromSeconds(cpu / Environment.ProcessorCount);
        yield return $"| 8 | **Simulated year**: {r.Invoices:N0} e-invoices (signed, one per file, to the 64 entities) and {r.Cases:N0} SUAP/SUE cases over {r.Days} days of the bench clock, every case driven to its end | " +
            $"**{r.Elapsed.TotalMinutes:0.0} min wall** ({r.Generation.TotalSeconds:0} s of it generating and signing the files); {r.Steps:N0} steps, {r.Events:N0} events; host CPU {r.Cpu.Host.TotalSeconds:0} s, PostgreSQL CPU {r.Cpu.Postgres.TotalSeconds:0} s | – |";
        if (r.Scale < 1)
            yield return $"| 8 | The full year ({InvoicesPerYear:N0} invoices + {CasesPerYear:N0} cases), projected from the CPU of this run (host + PostgreSQL, ÷ scale {r.Scale:0.###}) | ≈ {cpu / 3600:0.0} CPU-hours: **≈ {projected.TotalHours:0.0} h** with this machine's {Environment.ProcessorCount} cores fully busy | – |";
        yield return $"| 8 | Year's health | ingest failures {r.IngestFailures}, refused commands {r.Refused}, cases not closed {r.StillOpen} | 0 {(r.IngestFailures == 0 && r.Refused == 0 && r.StillOpen == 0 ? "✅" : "❌")} |";
        yield return $"| 8 | Closed cases by outcome | {string.Join(", ", r.Closures.Select(c => $"{c.Key}: {c.Value:N0}"))} | – |";
        yield return $"| 8 | Legal clocks run out | {string.Join(", ", r.Expiries.Select(c => $"{c.Key}: {c.Value:N0}"))} | – |";
    }
}
