using System.Text;

namespace Sys2.Host.Cli;

/// <summary>
/// The command-line verbs of the host, run instead of the web application:
/// <c>validate &lt;file-or-folder&gt;...</c>, <c>diagram &lt;file&gt;</c> and <c>replay &lt;case&gt;</c>.
/// </summary>
public static class CliVerbs
{
    /// <summary>The exit code of the verb in <paramref name="args"/>, or null when they name no verb (run the host).</summary>
    public static Task<int?> TryRunAsync(string[] args)
    {
        if (!IsVerb(args)) return Task.FromResult<int?>(null);
        // Diagrams and messages carry ▶ ⏸ – and accented Italian: write UTF-8 whatever the console says.
        try { Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false); }
        catch (IOException) { }
        UseCallersDirectory();
        return TryRunAsync(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// <c>dotnet run --project src/Sys2.Host</c> starts a web project in its own folder (the Web SDK's
    /// RunWorkingDirectory), but <c>validate workflows/</c> means the caller's folder: the shell
    /// exports it as PWD. File names in problems are then relative to where the command was typed.
    /// </summary>
    private static void UseCallersDirectory()
    {
        var pwd = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(pwd) && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd))
            Directory.SetCurrentDirectory(pwd);
    }

    /// <summary>As <see cref="TryRunAsync(string[])"/>, writing to the given output and error.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter error) =>
        args is [var verb, .. var rest] ? verb switch
        {
            ValidateCommand.Verb => ValidateCommand.Run(rest, output, error),
            DiagramCommand.Verb => DiagramCommand.Run(rest, output, error),
            ReplayCommand.Verb => await ReplayCommand.RunAsync(rest, output, error),
            _ => null,
        } : null;

    private static bool IsVerb(string[] args) => args is [ValidateCommand.Verb or DiagramCommand.Verb or ReplayCommand.Verb, ..];
}
