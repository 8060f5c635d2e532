using System.Diagnostics;
using System.Globalization;

namespace Sys2.Bench;

/// <summary>
/// CPU time used so far by this process (host + driver), by the programs it ran and waited for
/// (pgbench), and by the PostgreSQL cluster (postmaster and its children).
/// </summary>
public readonly record struct CpuSample(TimeSpan Host, TimeSpan Children, TimeSpan Postgres, double[] LoadAverage)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) =>
        new(a.Host - b.Host, a.Children - b.Children, a.Postgres - b.Postgres, a.LoadAverage);
}

public static class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static async Task<int?> PostmasterAsync(string connectionString)
    {
        try
        {
            var data = await BenchDatabases.ScalarAsync<string>(connectionString, "show data_directory");
            var pidFile = Path.Combine(data, "postmaster.pid");
            return File.Exists(pidFile) ? int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture) : null;
        }
        catch (Exception)
        {
            return null; // a server elsewhere, or its files unreadable: no PostgreSQL CPU figure
        }
    }

    public static CpuSample Sample(int? postmaster)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSample(self.TotalProcessorTime, ReapedChildren(), postmaster is { } pm ? Cluster(pm) : TimeSpan.Zero, LoadAverage());
    }

    public static string DescribeLoad(double[] load) => string.Join(" ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));

    private static double[] LoadAverage() => File.Exists("/proc/loadavg")
        ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
        : [];

    /// <summary>
    /// CPU time of this process's tiered-compilation thread, which recompiles hot methods
    /// (tier 1, dynamic PGO) in the background; the first, quick compilations run on the
    /// calling threads and are not in it.
    /// </summary>
    public static TimeSpan JitThread()
    {
        double ticks = 0;
        if (!Directory.Exists("/proc/self/task")) return TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string name;
            try { name = File.ReadAllText(Path.Combine(task, "comm")); } catch (IOException) { continue; }
            if (name.StartsWith(".NET Tiered", StringComparison.Ordinal) && Stat(Path.Combine(task, "stat")) is { } f) ticks += f.Field(14) + f.Field(15);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>cutime + cstime of this process: a child's CPU is added there once we have waited for it.</summary>
    private static TimeSpan ReapedChildren() =>
        Stat("/proc/self/stat") is { } f ? TimeSpan.FromSeconds((f.Field(16) + f.Field(17)) / TicksPerSecond) : TimeSpan.Zero;

    /// <summary>The postmaster's own and reaped children's time, plus every live child's.</summary>
    private static TimeSpan Cluster(int postmaster)
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(Path.Combine(dir, "stat")) is not { } f) continue;
            if (pid == postmaster) ticks += f.Field(14) + f.Field(15) + f.Field(16) + f.Field(17);
            else if ((int)f.Field(4) == postmaster) ticks += f.Field(14) + f.Field(15);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static ProcStat? Stat(string path)
    {
        try { return new ProcStat(File.ReadAllText(path)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>A /proc/PID/stat line; the fields after the command name, which is in parentheses and may hold spaces.</summary>
    private sealed class ProcStat(string line)
    {
        private readonly string[] _fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');

        /// <summary>Field <paramref name="n"/> as numbered in proc(5).</summary>
        public double Field(int n) => double.Parse(_fields[n - 3], CultureInfo.InvariantCulture);
    }
}
