using System.CommandLine;
using JasperFx;
using JasperFx.CommandLine;

namespace Sys2.Host.Cli;

/// <summary>
/// Wolverine's and Marten's own commands (JasperFx's command line: <c>codegen write</c>, <c>describe</c>,
/// <c>db-apply</c>, <c>projections</c>, <c>resources</c>, …) run on the built, unstarted product, with the
/// command line as it was typed. Their options are theirs: <c>--help</c> on one of them asks JasperFx.
/// </summary>
public static class JasperFxCommands
{
    /// <summary>The verbs JasperFx discovers in Wolverine, Marten and JasperFx itself, less its own <c>run</c> and
    /// <c>help</c> (ours are <see cref="RunCommand"/> and <c>--help</c>). A test keeps this list in step with them;
    /// it is written out so that starting the product does not scan assemblies for commands.</summary>
    public static readonly IReadOnlyList<string> Verbs =
    [
        "capabilities", "check-env", "clear-handled", "codegen", "db-apply", "db-assert", "db-dump", "db-list", "db-patch", "describe",
        "describe-event-model", "event-model", "event-query", "marten", "projection-run", "projections", "resources", "scaffold",
        "storage", "stream-query", "wolverine-diagnostics",
    ];

    /// <summary>The verbs as our help lists them; <see cref="HostCommandLine"/> hands their command lines to <see cref="RunAsync"/> unparsed.</summary>
    public static IEnumerable<Command> Create() => Verbs.Select(verb =>
    {
        var command = new Command(verb, $"Wolverine's and Marten's '{verb}' (JasperFx); its own options: {verb} --help")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parsed => RunAsync([verb, .. parsed.UnmatchedTokens]));
        return command;
    });

    /// <summary>The command line as typed, <c>codegen write</c>, run by JasperFx on the configured product.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?")) return await HelpAsync(args[0]);
        var app = await Sys2Application.ConfigureAsync(args);
        return await app.RunJasperFxCommands(args);
    }

    /// <summary>JasperFx's own help of a verb: it needs the commands, not the product, so nothing is built.</summary>
    public static async Task<int> HelpAsync(string verb)
    {
        // JasperFx answers a verb's usage with exit code 1; help that was asked for is no failure.
        await CommandExecutor.For(Register).ExecuteAsync(["help", verb]);
        return 0;
    }

    /// <summary>The verbs JasperFx finds: its own and those of the assemblies that extend it (Wolverine, Marten, Weasel).</summary>
    public static IReadOnlyList<string> Discover()
    {
        var factory = new CommandFactory();
        Register(factory);
        return factory.AllCommandTypes().Select(CommandFactory.CommandNameFor).Except(["run", "help"]).Order(StringComparer.Ordinal).ToList();
    }

    private static void Register(CommandFactory factory)
    {
        factory.RegisterCommands(typeof(JasperFx.CommandLine.Commands.RunCommand).Assembly);
        factory.RegisterCommandsFromExtensionAssemblies();
    }
}
