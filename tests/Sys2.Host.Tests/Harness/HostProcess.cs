using System.Diagnostics;
using System.Net.Http.Json;
using Sys2.PrivatePostgres;
using Sys2.Host.Engine;

namespace Sys2.Host.Tests.Harness;

/// <summary>
/// The host as its own OS process on a database of the private cluster: killed with SIGKILL
/// when a test wants a crash, started again on the same database, or run twice side by side.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreeTcpPort.Pick();
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Sys2.Host.dll"), "--urls", $"http://127.0.0.1:{port}" } };
        start.Environment["ConnectionStrings__Sys2"] = connectionString;
        start.Environment[WolverineSetup.PollingKey.Replace(":", "__")] = "00:00:00.200";
        start.Environment[WolverineSetup.RecoveryKey.Replace(":", "__")] = "00:00:01";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Sys2__Demo__Seed"] = "false";
        // Production (no environment set), with the sandbox asked for by name, as a staging install would.
        start.Environment["Sys2__Integrations__Mode"] = "sandbox";
        foreach (var (key, value) in TestAccounts.Settings()) start.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty host never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was ready");
            // Ready, not merely listening: PostgreSQL reached, the schema applied, Wolverine's agents running.
            try { return (await http.GetAsync(Sys2.Host.Operations.HealthEndpoints.ReadyPath)).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, ready => ready, "the host to answer", TimeSpan.FromSeconds(90));
        await FixtureDocuments.StoreAsync(connectionString);
        return host;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight requests cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or Kubernetes stop a service: the host shuts down in order. Its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
