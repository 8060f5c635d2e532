using System.Diagnostics;
using System.Text;

namespace Sys2.PrivatePostgres;

internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs a command to completion and captures its combined output, for error messages.</summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var commandLine = string.Join(' ', new[] { file }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // "/" is reachable by every user; the caller's folder may not be once we switch to postgres.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // libpq-style variables (PGDATA, PGPORT, PGOPTIONS...) in the caller's shell must not steer our cluster.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PrivatePostgresException($"Could not run `{commandLine}`: {e.Message}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new PrivatePostgresException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s and was killed."
                + PrivatePostgresException.Section("Its output so far", Snapshot(output)));
        }
        // The parameterless wait drains the asynchronous output readers.
        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, Snapshot(output));
    }

    static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=./:,@".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
