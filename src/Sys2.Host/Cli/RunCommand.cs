using System.CommandLine;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>run</c>, or no verb at all: the product. The rest of the command line is the web application's configuration
/// (ASP.NET reads <c>--urls http://127.0.0.1:5028</c>, <c>--Sys2:Demo:Seed false</c>, <c>Key=value</c>), so it is
/// not parsed here; a bare word where a verb would stand is a verb we do not know, and starts nothing.
/// </summary>
public static class RunCommand
{
    public const string Verb = "run";

    public static Command Create()
    {
        var command = new Command(Verb, "Runs the product (also with no verb). Settings as --Key value or Key=value, "
            + "e.g. --urls http://127.0.0.1:5028 or --ConnectionStrings:Sys2 \"Host=...\".") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(parsed => RunProductAsync([.. parsed.UnmatchedTokens]));
        return command;
    }

    public static void MakeDefault(RootCommand root) => root.SetAction(_ => RunProductAsync([]));

    /// <summary>The product's settings when <paramref name="args"/> ask for the product, else null (a verb, or help).</summary>
    public static string[]? Settings(string[] args) => args switch
    {
        [] => [],
        [Verb, .. var rest] when !rest.Any(IsHelp) => rest,
        [var first, ..] when IsSetting(first) && !IsHelp(first) && first != "--version" => args,
        _ => null,
    };

    public static async Task<int> RunProductAsync(string[] settings)
    {
        var app = await Sys2Application.BuildAsync(settings);
        // Taken before the run: RunAsync disposes the host's services when it returns.
        var gate = app.Services.GetRequiredService<Operations.StartupGate>();
        await app.RunAsync();
        // The start's slow half stops the host when it fails (the reason is in the log): not a clean exit.
        return gate.Ready.IsFaulted ? 1 : 0;
    }

    // ASP.NET's command-line configuration reads --Key value, -Key value and Key=value.
    private static bool IsSetting(string token) => token.StartsWith('-') || token.Contains('=');

    private static bool IsHelp(string token) => token is "-h" or "--help" or "-?";
}
