using System.Diagnostics;

namespace Sys2.Host.Tests.Harness;

/// <summary>Runs the Sys2.Host executable (copied beside the tests) as a separate process, as a developer or CI would.</summary>
public static class HostCli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunInAsync(workingDirectory: null, environment, args);

    /// <summary>As <see cref="RunAsync"/>, in <paramref name="workingDirectory"/> (the product's content root).</summary>
    public static async Task<Result> RunInAsync(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Sys2.Host.exe" : "Sys2.Host");
        var start = File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Sys2.Host.dll") } };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // As `dotnet run` does (launchSettings.json), unless the test says otherwise.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
