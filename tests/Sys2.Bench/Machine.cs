using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Sys2.Bench;

/// <summary>The machine the figures come from.</summary>
public static partial class Machine
{
    public static async Task<IReadOnlyList<(string, string)>> DescribeAsync(string connectionString)
    {
        string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
        var cpuinfo = Read("/proc/cpuinfo");
        var model = ModelName().Match(cpuinfo) is { Success: true } m ? m.Groups[1].Value.Trim() : RuntimeInformation.ProcessArchitecture.ToString();
        var memTotal = MemTotal().Match(Read("/proc/meminfo")) is { Success: true } t ? long.Parse(t.Groups[1].Value) / 1024.0 / 1024.0 : double.NaN;
        var os = PrettyName().Match(Read("/etc/os-release")) is { Success: true } o ? o.Groups[1].Value : RuntimeInformation.OSDescription;
        var pg = await BenchDatabases.ScalarAsync<string>(connectionString, "select version()");
        var fsync = await BenchDatabases.ScalarAsync<string>(connectionString, "select current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers')");
        return
        [
            ("CPU", $"{Environment.ProcessorCount} logical cores, {model}"),
            ("RAM", $"{memTotal:0.0} GiB"),
            ("OS", $"{os}, Linux {Read("/proc/sys/kernel/osrelease").Trim()}"),
            (".NET", $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(IsRelease ? "Release" : "Debug")} build"),
            ("PostgreSQL", $"{pg.Split(" on ")[0]}, same machine over TCP loopback; fsync={fsync}"),
        ];
    }

#if DEBUG
    public const bool IsRelease = false;
#else
    public const bool IsRelease = true;
#endif

    [GeneratedRegex(@"model name\s*:\s*(.+)")] private static partial Regex ModelName();
    [GeneratedRegex(@"MemTotal:\s*(\d+) kB")] private static partial Regex MemTotal();
    [GeneratedRegex("PRETTY_NAME=\"?([^\"\n]+)")] private static partial Regex PrettyName();
}
