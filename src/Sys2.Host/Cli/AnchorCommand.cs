using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sys2.Host.Cases;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Cli;

/// <summary>
/// <c>anchor [--day yyyy-MM-dd]</c>: makes a closed day's chain anchor now (default: yesterday in Italy), the
/// same file the running host makes by itself. It never overwrites an anchor: one that no longer matches the
/// database is reported (exit 1) and left for <c>verify</c>. DigiP gets the day's extracts from the running
/// host, which sends every recent anchor it has no rapporto di versamento for.
/// </summary>
public static class AnchorCommand
{
    public const string Verb = "anchor";

    public static Command Create()
    {
        var day = new Option<string?>("--day") { Description = "The day to anchor, yyyy-MM-dd (a day in Italy that is over); default yesterday" };
        var command = new Command(Verb, "Makes the signed daily anchor of every case's chain head (Sys2:Audit:AnchorFolder, key Sys2:Audit:AnchorKeyFile).")
        {
            day,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(day) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                result.AddError($"--day '{text}' is not a date yyyy-MM-dd");
        });
        command.SetAction((parsed, ct) => RunAsync(
            parsed.GetValue(day) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(DateOnly? day, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var anchors = new DailyAnchor(await DatabaseConnection.ResolveAsync(configuration, RepositoryRoot.TryFind(), ct),
            AnchorSettings.From(configuration), TimeProvider.System);
        var result = await anchors.MakeAsync(day ?? anchors.LastClosedDay(), digip: null, ct);
        var dayText = ChainAnchor.DayText(result.Day);
        switch (result.Status)
        {
            case AnchorStatus.Made:
                await output.WriteLineAsync($"{result.File}: {result.Cases} case(s) changed on {dayText}, anchored");
                return 0;
            case AnchorStatus.Unchanged:
                await output.WriteLineAsync($"{result.File}: {dayText} was already anchored, and the database still agrees");
                return 0;
            case AnchorStatus.Differs:
                await error.WriteLineAsync($"anchor: {result.File} already anchors {dayText} and the database now says otherwise; "
                    + "it is left as it is: run `verify --all` to see which cases changed");
                return 1;
            default:
                await error.WriteLineAsync($"anchor: {dayText} is not over yet in Italy (a day closes {DailyAnchor.Grace.TotalMinutes:0} minutes after midnight)");
                return 1;
        }
    }
}
