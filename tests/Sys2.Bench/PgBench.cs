using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Sys2.Bench;

public sealed record PgBenchResult(int Clients, double Tps, double LatencyMs, long Transactions, CpuSample Cpu);

/// <summary>
/// PostgreSQL's own ceiling on this machine: pgbench committing one-row inserts (a custom
/// script, one INSERT per transaction, autocommit) into a small table of the baseline database,
/// over the same TCP loopback the engine uses. What is left between this and a Marten append
/// is Marten's (and Npgsql's) own work.
/// </summary>
public static partial class PgBench
{
    private const string Table = "bench_one_row";

    /// <summary>The pgbench of the server's major version, on PATH or where Debian installs it; null when absent.</summary>
    public static string? Locate(string serverVersion)
    {
        var major = serverVersion.Split('.')[0];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Prepend($"/usr/lib/postgresql/{major}/bin");
        return path.Select(dir => Path.Combine(dir, "pgbench")).FirstOrDefault(File.Exists);
    }

    public static async Task<PgBenchResult> RunAsync(string pgbench, string connectionString, int? postmaster, int clients, TimeSpan duration)
    {
        await BenchDatabases.ExecuteAsync(connectionString,
            $"create table if not exists {Table} (id bigserial primary key, at timestamptz not null default now(), payload text not null)");
        var script = Path.Combine(Path.GetTempPath(), $"sys2-bench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, $"insert into {Table} (payload) values ('RAW-suap-2026-0000001 StepEntered');\n");
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(connectionString);
            var start = new ProcessStartInfo(pgbench)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // -n: no vacuum of pgbench's own tables (we have none); -j 2: one thread per core.
            foreach (var a in new[] { "-n", "-f", script, "-c", $"{clients}", "-j", "2", "-T", $"{(int)Math.Ceiling(duration.TotalSeconds)}",
                         "-h", cs.Host!, "-p", $"{cs.Port}", "-U", cs.Username!, cs.Database! })
                start.ArgumentList.Add(a);
            // The caller's PG* variables must not steer it elsewhere.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
                start.Environment.Remove(name);
            // The private cluster asks for a password (scram-sha-256); an environment variable keeps it off the command line.
            if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
            var before = CpuMeter.Sample(postmaster);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var cpu = CpuMeter.Sample(postmaster) - before;
            var text = await output + await errors;
            if (process.ExitCode != 0 || Tps().Match(text) is not { Success: true } tps)
                throw new InvalidOperationException($"pgbench failed (exit {process.ExitCode}):\n{text}");
            var latency = Latency().Match(text) is { Success: true } l ? Number(l.Groups[1].Value) : double.NaN;
            var transactions = Processed().Match(text) is { Success: true } p ? long.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new PgBenchResult(clients, Number(tps.Groups[1].Value), latency, transactions, cpu);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")] private static partial Regex Tps();
    [GeneratedRegex(@"latency average = ([0-9.]+) ms")] private static partial Regex Latency();
    [GeneratedRegex(@"number of transactions actually processed: (\d+)")] private static partial Regex Processed();
}
