using System.Diagnostics;
using System.Globalization;

namespace Sys2.Bench;

/// <summary>CPU time used so far by this process (host + driver) and by the PostgreSQL cluster (postmaster and its children).</summary>
public readonly record struct CpuSample(TimeSpan Host, TimeSpan Postgres, double[] LoadAverage)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Host - b.Host, a.Postgres - b.Postgres, a.LoadAverage);
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
        return new CpuSample(self.TotalProcessorTime, postmaster is { } pm ? Cluster(pm) : TimeSpan.Zero, LoadAverage());
    }

    private static double[] LoadAverage() => File.Exists("/proc/loadavg")
        ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
        : [];

    /// <summary>The postmaster's own and reaped children's time, plus every live child's.</summary>
    private static TimeSpan Cluster(int postmaster)
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            // Fields after the command name, which is in parentheses and may hold spaces.
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
            double Field(int n) => double.Parse(f[n - 3], CultureInfo.InvariantCulture); // n = field number in proc(5)
            if (pid == postmaster) ticks += Field(14) + Field(15) + Field(16) + Field(17);
            else if (ppid == postmaster) ticks += Field(14) + Field(15);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
