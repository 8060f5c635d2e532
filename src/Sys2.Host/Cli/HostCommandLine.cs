using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;

namespace Sys2.Host.Cli;

/// <summary>
/// The host's command line: its own verbs (one file each in this folder, parsed by System.CommandLine), Wolverine's
/// and Marten's JasperFx commands passed through to JasperFx, and no verb (or <c>run</c>) for the product itself.
/// A verb it does not know or a bad option prints the usage to the error stream and exits 2; nothing is started.
/// </summary>
public static class HostCommandLine
{
    /// <summary>Exit code of a command line that names no verb we know or misuses one.</summary>
    public const int UsageError = 2;

    /// <summary>The process entry: the console's streams, in UTF-8 whatever the console says (diagrams carry ▶ ⏸ – and accented Italian).</summary>
    public static Task<int> RunAsync(string[] args)
    {
        try { Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false); }
        catch (IOException) { }
        return RunAsync(args, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // Two kinds of command line are not ours to parse: the product's settings (ASP.NET reads them) and
        // Wolverine's and Marten's verbs (JasperFx parses its own).
        if (RunCommand.Settings(args) is { } settings) return await RunCommand.RunProductAsync(settings);
        if (args is [var verb, ..] && JasperFxCommands.Verbs.Contains(verb)) return await JasperFxCommands.RunAsync(args);

        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0) return await UsageAsync(parsed, parsed.Errors.Select(e => e.Message), error);
        // The web application handles Ctrl+C and SIGTERM itself (a graceful stop); a second handler would race it.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }

    /// <summary>Every verb, and the product as the action of no verb.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Sys2, the workflow engine of the SYS² aggregation. With no verb it runs the product "
            + "(API, definitions of workflows/, sandboxed regional systems); the verbs below work without it.")
        {
            ValidateCommand.Create(),
            TestCommand.Create(),
            DiagramCommand.Create(),
            VerifyCommand.Create(),
            VerifyDossierCommand.Create(),
            AnchorCommand.Create(),
            ReplayCommand.Create(),
            DbCommand.Create(),
            InvoiceCommand.Create(),
            IndicatorsCommand.Create(),
            RunCommand.Create(),
        };
        foreach (var verb in JasperFxCommands.Create()) root.Subcommands.Add(verb);
        RunCommand.MakeDefault(root);
        return root;
    }

    /// <summary>
    /// <c>usage: replay &lt;case-id&gt; [options]</c>, what was wrong, then the verb's help: all on the error stream,
    /// so a script's output stays clean. Exit code <see cref="UsageError"/>.
    /// </summary>
    public static async Task<int> UsageAsync(ParseResult parsed, IEnumerable<string> problems, TextWriter error)
    {
        var path = CommandPath(parsed.CommandResult);
        var command = parsed.CommandResult.Command;
        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>");
        var synopsis = string.Join(' ', path.Count == 0 ? ["Sys2.Host", "<verb>"] : [.. path, .. arguments]);
        await error.WriteLineAsync($"usage: {synopsis} [options]");
        foreach (var problem in problems) await error.WriteLineAsync(problem);
        await error.WriteLineAsync();
        await parsed.RootCommandResult.Command.Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = error });
        return UsageError;
    }

    /// <summary>The verbs from the root down to <paramref name="result"/>: <c>db start</c>.</summary>
    private static IReadOnlyList<string> CommandPath(CommandResult result)
    {
        var path = new List<string>();
        for (var at = result; at.Parent is CommandResult parent; at = parent) path.Insert(0, at.Command.Name);
        return path;
    }

    /// <summary>
    /// <c>dotnet run --project src/Sys2.Host</c> starts a web project in its own folder (the Web SDK's
    /// RunWorkingDirectory), but <c>validate workflows/</c> means the caller's folder: the shell
    /// exports it as PWD. File names in problems are then relative to where the command was typed.
    /// </summary>
    public static void UseCallersDirectory()
    {
        var pwd = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(pwd) && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd))
            Directory.SetCurrentDirectory(pwd);
    }
}
