using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using Sys2.Host;

namespace Sys2.Bench;

/// <summary>
/// Issue 8's start-up figures, for the product as a user runs it rather than inside this process: the host's
/// own build (<c>src/Sys2.Host/bin/{configuration}</c>) started as a child process in Production on the
/// benchmark's database, timed from the process start to the first 200 of <c>/health/live</c> and of
/// <c>/health/ready</c>, then left idle and its resident memory read from <c>/proc</c>. The first start
/// also creates the schema; the figures are those of the later starts, on a database already in shape.
/// </summary>
public static class StartupMeasure
{
    public sealed record Run(TimeSpan ToLive, TimeSpan ToReady, long IdleRssBytes);

    public static async Task<IReadOnlyList<Run>> RunAsync(string connectionString, int runs, TimeSpan idle, Action<string> log)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Sys2.Host", "bin", configuration, "net10.0", "Sys2.Host.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/Sys2.Host -c {configuration} first");
        var results = new List<Run>();
        for (var i = 0; i <= runs; i++)
        {
            var run = await OnceAsync(dll, connectionString, idle);
            log(i == 0
                ? $"startup: first start (schema created) live after {run.ToLive.TotalSeconds:0.00} s, ready after {run.ToReady.TotalSeconds:0.00} s (not counted)"
                : $"startup {i}: live after {run.ToLive.TotalSeconds:0.00} s, ready after {run.ToReady.TotalSeconds:0.00} s, idle RSS {run.IdleRssBytes / 1048576.0:0} MB");
            if (i > 0) results.Add(run);
        }
        return results;
    }

    private static async Task<Run> OnceAsync(string dll, string connectionString, TimeSpan idle)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
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
            var ready = await FirstOkAsync(http, $"http://127.0.0.1:{port}/health/ready", watch, process, output);
            await Task.Delay(idle);
            return new Run(live, ready, Rss(process.Id));
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IEnumerable<string> Rows(IReadOnlyList<Run> runs, TimeSpan idle)
    {
        static double Median(IEnumerable<double> values) { var v = values.Order().ToArray(); return v[v.Length / 2]; }
        var live = Median(runs.Select(r => r.ToLive.TotalSeconds));
        var ready = Median(runs.Select(r => r.ToReady.TotalSeconds));
        var rss = Median(runs.Select(r => r.IdleRssBytes / 1048576.0));
        yield return $"| 9 | Product start (`dotnet Sys2.Host.dll`, Production, no regional systems, database in shape) to the first answered request (`/health/live` 200), median of {runs.Count} | **{live:0.00} s** (each: {string.Join(", ", runs.Select(r => r.ToLive.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}); to `/health/ready` 200: {ready:0.00} s | < 2 s {(live < 2 ? "✅" : "❌")} |";
        yield return $"| 9 | Idle product RSS, {idle.TotalSeconds:0} s after ready, median | **{rss:0} MB** (each: {string.Join(", ", runs.Select(r => (r.IdleRssBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))}) | ≤ 200 MB {(rss <= 200 ? "✅" : "❌")} |";
    }
}
