using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using Sys2.Host;

namespace Sys2.Bench;

/// <summary>
/// Issue 8's start-up figures, for the product as a user runs it rather than inside this process: the host started
/// as a child process in Production on the benchmark's database, timed from the process start to the first 200 of
/// <c>/health/live</c> and of <c>/health/ready</c>, its resident memory read from <c>/proc</c> at ready and again
/// after it has been left idle. Each variant is a way to run the host: by default the build <c>dotnet run -c Release</c>
/// runs (<c>src/Sys2.Host/bin/Release/net10.0</c>) and the ReadyToRun publish a production install runs
/// (<c>dotnet publish -c Release -r linux-x64</c>, made here when missing or older than the build); more with
/// <c>--startup-host</c>. The variants take turns, start by start, so a neighbour's load falls on all of them alike.
/// The first start of each variant (schema, definitions published) is not counted.
/// </summary>
public static class StartupMeasure
{
    /// <summary>Wall times, and the host process's own CPU time (user + system) by then: on a shared machine the CPU time is the figure a neighbour's load does not change.</summary>
    public sealed record Run(TimeSpan ToLive, TimeSpan ToReady, long ReadyRssBytes, long IdleRssBytes, TimeSpan CpuToLive, TimeSpan CpuToReady);

    /// <summary>A way to run the host: its dll and any environment of its own (e.g. <c>DOTNET_gcServer=0</c>).</summary>
    public sealed record Variant(string Name, string Dll, IReadOnlyDictionary<string, string> Environment)
    {
        /// <summary><c>NAME=PATH</c> or <c>NAME=PATH;KEY=VALUE;…</c>; a PATH of <c>build</c> or <c>r2r</c> names the default builds.</summary>
        public static Variant Parse(string text)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--startup-host takes NAME=PATH[;KEY=VALUE...], not '{text}'");
            var parts = text[(equals + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries);
            var env = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            return new Variant(text[..equals], parts[0], env);
        }
    }

    public static string BuildDll(string configuration) => Path.Combine(RepositoryRoot.Find(), "src", "Sys2.Host", "bin", configuration, "net10.0", "Sys2.Host.dll");
    public static string PublishFolder => Path.Combine(RepositoryRoot.Find(), "src", "Sys2.Host", "bin", "Release", "net10.0", "linux-x64", "publish");

    public static IReadOnlyList<Variant> Defaults() =>
    [
        new("`dotnet run -c Release`'s build (JIT)", "build", new Dictionary<string, string>()),
        new("`dotnet publish -c Release -r linux-x64` (ReadyToRun)", "r2r", new Dictionary<string, string>()),
    ];

    public static async Task<IReadOnlyList<(Variant Variant, IReadOnlyList<Run> Runs)>> RunAsync(
        string connectionString, IReadOnlyList<Variant> variants, int runs, TimeSpan idle, Action<string> log)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var resolved = new List<Variant>();
        foreach (var v in variants)
            resolved.Add(v with { Dll = v.Dll switch { "build" => BuildDll(configuration), "r2r" => await PublishedAsync(configuration, log), var path => Path.GetFullPath(path) } });
        foreach (var v in resolved)
            if (!File.Exists(v.Dll)) throw new InvalidOperationException($"{v.Dll} is missing: build src/Sys2.Host -c {configuration} first");

        var results = resolved.ToDictionary(v => v, _ => new List<Run>());
        for (var i = 0; i <= runs; i++)
            foreach (var v in resolved)
            {
                var run = await OnceAsync(v, connectionString, idle);
                log(i == 0
                    ? $"startup [{v.Name}]: first start live after {run.ToLive.TotalSeconds:0.00} s, ready after {run.ToReady.TotalSeconds:0.00} s (not counted)"
                    : $"startup [{v.Name}] {i}: live after {run.ToLive.TotalSeconds:0.00} s, ready after {run.ToReady.TotalSeconds:0.00} s (CPU {run.CpuToLive.TotalSeconds:0.00} s / {run.CpuToReady.TotalSeconds:0.00} s), RSS at ready {Mb(run.ReadyRssBytes):0} MB, idle {Mb(run.IdleRssBytes):0} MB, load {Load()}");
                if (i > 0) results[v].Add(run);
            }
        return resolved.Select(v => (v, (IReadOnlyList<Run>)results[v])).ToList();
    }

    /// <summary>The ReadyToRun publish of the host, made again when the build is newer.</summary>
    private static async Task<string> PublishedAsync(string configuration, Action<string> log)
    {
        var dll = Path.Combine(PublishFolder, "Sys2.Host.dll");
        var build = BuildDll(configuration);
        if (File.Exists(dll) && (!File.Exists(build) || File.GetLastWriteTimeUtc(dll) >= File.GetLastWriteTimeUtc(build))) return dll;
        log($"startup: publishing the host (ReadyToRun) to {PublishFolder}");
        var project = Path.Combine(RepositoryRoot.Find(), "src", "Sys2.Host", "Sys2.Host.csproj");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", PublishFolder])
            { RedirectStandardOutput = true, RedirectStandardError = true }) ?? throw new InvalidOperationException("dotnet did not start");
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await output}\n{await error}");
        return dll;
    }

    private static async Task<Run> OnceAsync(Variant variant, string connectionString, TimeSpan idle)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [variant.Dll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(variant.Dll)!,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__Sys2"] = connectionString,
                // No regional systems at all: the figure is the host's own start, not the adapters'.
                ["Sys2__Integrations__Mode"] = "none",
                // Plain HTTP on loopback, as behind a proxy that terminates TLS.
                ["Sys2__SignIn__Issuer"] = $"http://127.0.0.1:{port}/",
                ["Sys2__SignIn__RequireHttps"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in variant.Environment) start.Environment[key] = value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var live = await FirstOkAsync(http, $"http://127.0.0.1:{port}/health/live", watch, process, output);
            var cpuToLive = Cpu(process.Id);
            var ready = await FirstOkAsync(http, $"http://127.0.0.1:{port}/health/ready", watch, process, output);
            var cpuToReady = Cpu(process.Id);
            var readyRss = Rss(process.Id);
            await Task.Delay(idle);
            return new Run(live, ready, readyRss, Rss(process.Id), cpuToLive, cpuToReady);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<TimeSpan> FirstOkAsync(HttpClient http, string url, Stopwatch watch, Process process, System.Text.StringBuilder output)
    {
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with {process.ExitCode}:\n{output}");
            try
            {
                using var answer = await http.GetAsync(url);
                if (answer.StatusCode == HttpStatusCode.OK) return watch.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{url} did not answer 200 within 120 s:\n{output}");
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>utime + stime of the process (<c>/proc/PID/stat</c>, fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static TimeSpan Cpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    private static double Mb(long bytes) => bytes / 1048576.0;

    /// <summary>The 1-minute load average, for the log beside each start.</summary>
    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IEnumerable<string> Rows(IReadOnlyList<(Variant Variant, IReadOnlyList<Run> Runs)> measured, TimeSpan idle)
    {
        static double Median(IEnumerable<double> values) { var v = values.Order().ToArray(); return v[v.Length / 2]; }
        static string Each(IEnumerable<double> values, string format) => string.Join(", ", values.Select(x => x.ToString(format, CultureInfo.InvariantCulture)));
        foreach (var (variant, runs) in measured)
        {
            var env = variant.Environment.Count == 0 ? "" : $", {string.Join(" ", variant.Environment.Select(e => $"`{e.Key}={e.Value}`"))}";
            var live = Median(runs.Select(r => r.ToLive.TotalSeconds));
            var ready = Median(runs.Select(r => r.ToReady.TotalSeconds));
            var readyRss = Median(runs.Select(r => Mb(r.ReadyRssBytes)));
            var rss = Median(runs.Select(r => Mb(r.IdleRssBytes)));
            yield return $"| 9 | {variant.Name}{env}: start to the first answered request (`/health/live` 200), median of {runs.Count} | **{live:0.00} s** (each: {Each(runs.Select(r => r.ToLive.TotalSeconds), "0.00")}); to `/health/ready` 200: {ready:0.00} s (each: {Each(runs.Select(r => r.ToReady.TotalSeconds), "0.00")}) | < 2 s {(live < 2 ? "✅" : "❌")} |";
            yield return $"| 9 | {variant.Name}{env}: the host's CPU time (user + system) until live / until ready, median | **{Median(runs.Select(r => r.CpuToLive.TotalSeconds)):0.00} s** / {Median(runs.Select(r => r.CpuToReady.TotalSeconds)):0.00} s (until live, each: {Each(runs.Select(r => r.CpuToLive.TotalSeconds), "0.00")}) | – |";
            yield return $"| 9 | {variant.Name}{env}: RSS at ready / idle {idle.TotalSeconds:0} s after ready, median | {readyRss:0} MB / **{rss:0} MB** (idle each: {Each(runs.Select(r => Mb(r.IdleRssBytes)), "0")}) | ≤ 200 MB {(rss <= 200 ? "✅" : "❌")} |";
        }
    }
}
