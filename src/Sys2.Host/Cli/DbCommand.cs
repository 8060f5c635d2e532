using System.CommandLine;
using Npgsql;
using Sys2.PrivatePostgres;

namespace Sys2.Host.Cli;

/// <summary><c>db start|stop|status</c>: manage the private PostgreSQL cluster of this checkout.</summary>
public static class DbCommand
{
    public const string Verb = "db";

    /// <summary>Exit codes: 0 done (status: running), 1 failed, 2 bad usage, 3 status: not running.</summary>
    public static Command Create()
    {
        var start = new Command("start", "Starts the private PostgreSQL (initialised on first use) and prints only its connection string, with the password, for scripts.");
        start.SetAction((parsed, ct) => RunAsync(parsed, async cluster =>
        {
            await parsed.InvocationConfiguration.Output.WriteLineAsync(await cluster.StartAsync(ct));
            return 0;
        }));
        var stop = new Command("stop", "Stops the private PostgreSQL; committed work is kept.");
        stop.SetAction((parsed, ct) => RunAsync(parsed, async cluster =>
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync(await cluster.StopAsync(ct)
                ? $"stopped the private PostgreSQL in {cluster.Paths.ClusterDirectory}"
                : $"the private PostgreSQL in {cluster.Paths.ClusterDirectory} was not running");
            return 0;
        }));
        var status = new Command("status", "Where the private PostgreSQL lives, whether it runs, its port and connection string; exit 3 when it is not running.");
        status.SetAction((parsed, ct) => RunAsync(parsed, async cluster => PrintStatus(await cluster.StatusAsync(ct), parsed.InvocationConfiguration.Output)));
        return new Command(Verb, "Manages the private PostgreSQL cluster of this checkout (.sys2/postgres, or SYS2_POSTGRES_DIR).") { start, stop, status };
    }

    static async Task<int> RunAsync(ParseResult parsed, Func<PrivateCluster, Task<int>> action)
    {
        try
        {
            return await action(RepositoryRoot.PrivateCluster());
        }
        catch (PrivatePostgresException e)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"db {parsed.CommandResult.Command.Name}: {e.Message}");
            return 1;
        }
    }

    static int PrintStatus(PrivatePostgresStatus status, TextWriter output)
    {
        output.WriteLine($"cluster:    {status.Paths.ClusterDirectory}");
        output.WriteLine($"state:      {(status.Running ? "running" : status.Initialized ? "stopped" : "not initialised")}");
        if (status.Port is { } port) output.WriteLine($"port:       {port}{(status.Running ? "" : " (last used)")}");
        // The password stays in its file: a status line ends up in terminals, logs and bug reports.
        if (status.ConnectionString is { } cs)
            output.WriteLine($"connection: {new NpgsqlConnectionStringBuilder(cs) { Password = null }};Password=(in {status.Paths.PasswordFile})");
        output.WriteLine($"log:        {status.Paths.LogFile}");
        return status.Running ? 0 : 3;
    }
}
